/* Follow the volunteer's district: per-target posts show that district's version, the call
   action that district's office, and the letter its representative. The page carries one
   version of each per-target post; it is filled for the district from the page's data
   (#toolkit-versions: per target, what differs: images, captions, kits), read only once a
   district is known. The district comes from
   the letter's lookup (ZIP code or location), from a picker, or from an earlier visit: it is
   kept in this browser's localStorage only, and "Forget my district" removes it. Nothing is
   sent anywhere. */
(function () {
  "use strict";
  // site.css hides every version until this script takes over: without data, show them all.
  var groups = all("[data-per-target], [data-call]");
  var dataNode = document.getElementById("toolkit-data");
  var follow = dataNode && JSON.parse(dataNode.textContent).follow;
  if (!follow) {
    groups.forEach(function (group) { group.classList.add("following"); });
    return;
  }
  var S = follow.strings || {};
  var labels = {};
  follow.districts.forEach(function (choice) { labels[choice.district] = choice.label; });
  var current = null;

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function announce(message) {
    var status = document.getElementById("status");
    if (!status) { return; }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function stored() {
    try { return window.localStorage.getItem(follow.storageKey); } catch (e) { return null; }
  }

  function store(district) {
    try {
      if (district) { window.localStorage.setItem(follow.storageKey, district); }
      else { window.localStorage.removeItem(follow.storageKey); }
    } catch (e) { /* storage off: the page still follows the district until it is left */ }
  }

  var versions = null;

  function find(list, district) {
    for (var i = 0; i < (list || []).length; i++) {
      if (list[i].district === district) { return list[i]; }
    }
    return null;
  }

  function read() {
    if (versions === null) {
      var node = document.getElementById("toolkit-versions");
      versions = node ? JSON.parse(node.textContent) : {};
    }
    return versions;
  }

  function versionData(post, district) { return find((read().posts || {})[post], district); }

  // The call action's one office, filled for the district (when the page carries one only).
  function fillOffice(office, entry) {
    office.id = "call-" + entry.key;
    office.setAttribute("data-key", entry.key);
    office.setAttribute("data-district", entry.district);
    office.querySelector(".call-name").textContent = entry.label;
    office.querySelector(".call-phone").hidden = !entry.tel;
    office.querySelector(".call-no-phone").hidden = !!entry.tel;
    setLink(office.querySelector(".call-button"), entry.tel || "#", entry.call);
    var hours = office.querySelector(".call-hours");
    hours.hidden = !entry.hours;
    hours.textContent = entry.hours;
    // The script is the campaign's own Markdown, rendered (and escaped) by the build.
    office.querySelector(".call-text").innerHTML = entry.script;
  }

  // The ids in a version name its target (p-<post>-t<key>-<format>-c1): renamed with it.
  var ID_ATTRIBUTES = ["id", "for", "aria-describedby", "data-copy", "data-sources",
                       "data-copy-first", "href"];

  function rename(root, from, to) {
    [root].concat(all("*", root)).forEach(function (node) {
      ID_ATTRIBUTES.forEach(function (name) {
        var value = node.getAttribute(name);
        if (value && value.indexOf(from) >= 0) { node.setAttribute(name, value.split(from).join(to)); }
      });
    });
  }

  function setLink(link, href, text) {
    if (!link) { return; }
    link.setAttribute("href", href);
    link.textContent = text;
  }

  // Fill a post's one version with a target's images, captions, kits and links.
  function fillVersion(version, post, entry) {
    var old = version.getAttribute("data-key");
    if (old !== entry.key) {
      rename(version, "p-" + post + "-t" + old + "-", "p-" + post + "-t" + entry.key + "-");
      version.id = "post-" + post + "-t" + entry.key;
      version.setAttribute("data-key", entry.key);
    }
    version.setAttribute("data-district", entry.district);
    version.querySelector(".version-label").textContent = entry.label;
    setLink(version.querySelector(".target-kit a"), entry.kit, entry.kitLabel);
    all(".panel", version).forEach(function (panel, index) {
      var data = entry.panels[index];
      if (!data) { return; }
      panel.setAttribute("aria-label", data.label);
      var images = all(".media img", panel);
      var saves = all(".steps a[download]", panel);
      var alts = all(".alt-text", panel);
      data.pictures.forEach(function (picture, n) {
        var image = images[n];
        if (image) {
          if (picture[2]) { image.setAttribute("srcset", picture[2]); }
          image.setAttribute("src", picture[1]);
          image.setAttribute("alt", picture[3]);
        }
        if (saves[n]) { saves[n].setAttribute("href", picture[0]); }
        if (alts[n]) { alts[n].textContent = picture[3]; }
      });
      var share = panel.querySelector("button.device-share");
      if (share) {
        share.setAttribute("data-files", data.pictures.map(function (p) { return p[0]; }).join(" "));
      }
      setLink(panel.querySelector(".kit a"), data.kit, data.kitLabel);
      all("textarea[data-rule]", panel).forEach(function (area, n) {
        if (data.captions[n] === undefined) { return; }
        area.value = data.captions[n];
        // site.js counts the caption and writes it into the share link, as after an edit.
        area.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
    var caption = version.querySelector("textarea[data-rule]");
    var links = window.ToolkitLinks;
    if (caption && links) {
      all("a[data-message]", version).forEach(function (link) {
        var href = links.shareUrl(link.getAttribute("data-message"), caption.value,
                                  link.getAttribute("data-url") || "", document.title);
        if (href) { link.setAttribute("href", href); }
      });
    }
  }

  function showAsk(box, asking) {
    box.querySelector("[data-follow-ask]").hidden = !asking;
    box.querySelector("[data-follow-known]").hidden = asking;
  }

  function apply(district, source) {
    if (district && !Object.prototype.hasOwnProperty.call(labels, district)) { district = null; }
    current = district;
    all("[data-follow]").forEach(function (box) {
      box.hidden = false;
      showAsk(box, !district);
      if (district) {
        box.querySelector("[data-follow-label]").textContent =
          fill(S.target_showing, { label: labels[district] });
      }
    });
    all("[data-follow-select]").forEach(function (select) { select.value = district || ""; });
    all("[data-per-target]").forEach(function (group) {
      var post = group.id.replace(/^post-/, "");
      all(".target-version", group).forEach(function (version) {
        var entry = district && versionData(post, district);
        // The page comes with the first target's version: others are filled in.
        if (entry && version.getAttribute("data-district") !== district) {
          fillVersion(version, post, entry);
        }
        version.hidden = !entry;
      });
    });
    all("[data-call] .call-office").forEach(function (office) {
      var entry = district && find(read().calls, district);
      if (entry && office.getAttribute("data-district") !== district) { fillOffice(office, entry); }
      office.hidden = office.getAttribute("data-district") !== district;
    });
    var letterSelect = document.getElementById("district");
    if (district && source !== "letter" && letterSelect && letterSelect.value !== district &&
        letterSelect.querySelector('option[value="' + CSS.escape(district) + '"]')) {
      letterSelect.value = district;
      letterSelect.dispatchEvent(new Event("change"));
    }
    groups.forEach(function (group) { group.classList.add("following"); });
    if (district) { document.dispatchEvent(new CustomEvent("toolkit:shown")); }
    if (source !== "storage") { store(district); }
  }

  function listen() {
    all("[data-follow-select]").forEach(function (select) {
      select.addEventListener("change", function () {
        if (!select.value) { return; }
        apply(select.value, "picker");
        announce(fill(S.target_showing, { label: labels[select.value] }));
      });
    });
    all("[data-follow-change]").forEach(function (button) {
      button.addEventListener("click", function () {
        var box = button.closest("[data-follow]");
        showAsk(box, true);
        box.querySelector("[data-follow-select]").focus();
      });
    });
    all("[data-follow-forget]").forEach(function (button) {
      button.addEventListener("click", function () {
        var box = button.closest("[data-follow]");
        apply(null, "forget");
        box.querySelector("[data-follow-select]").focus();
        announce(S.target_forgotten);
      });
    });
    // The letter's lookup and picker (site.js) say which district they chose.
    document.addEventListener("toolkit:district", function (event) {
      if (event.detail && event.detail.district !== current) { apply(event.detail.district, "letter"); }
    });
  }

  // site.js runs these after its own start-up steps, each a task of its own.
  var steps = [listen, function () { apply(stored(), "storage"); }];
  if (window.ToolkitStart) { window.ToolkitStart.add(steps); }
  else { steps.forEach(function (step) { step(); }); }
})();
