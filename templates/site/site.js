/* Toolkit page behaviour. The page works without it: this only enhances (tabs, copy, live
   counts, links that follow edits, sharing from a phone, finding a representative). */
(function () {
  "use strict";

  var dataNode = document.getElementById("toolkit-data");
  var data = dataNode ? JSON.parse(dataNode.textContent) : { strings: {}, share: {} };
  var S = data.strings || {};
  var statusNode = document.getElementById("status");
  var lang = document.documentElement.lang || "en";

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // Words the page's language lacks come in English: mark them so they are read as English.
  var foreign = data.stringsLang || {};

  function setText(node, key, text) {
    node.textContent = text;
    if (foreign[key]) {
      node.lang = foreign[key];
      node.dir = "auto";
    } else {
      node.removeAttribute("lang");
      node.removeAttribute("dir");
    }
  }

  function announce(message, key) {
    if (!statusNode) { return; }
    // Emptying first makes screen readers repeat a message that did not change.
    statusNode.textContent = "";
    window.setTimeout(function () { setText(statusNode, key || "", message); }, 50);
  }

  /* Links: the same encoding as toolkit/links.py (Python's quote with safe=""). */

  function encode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function query(pairs) {
    return pairs.filter(function (pair) { return pair[1]; })
      .map(function (pair) { return pair[0] + "=" + encode(pair[1]); }).join("&");
  }

  function addresses(list) {
    return list.map(function (address) {
      return encodeURIComponent(address.trim()).replace(/%24/g, "$").replace(/%3B/g, ";")
        .replace(/%3A/g, ":").replace(/%40/g, "@");
    }).join(",");
  }

  function mailtoUrl(to, subject, body) {
    var fields = [["subject", encode(subject)],
                  ["body", encode(body.replace(/\r\n|\r|\n/g, "\r\n"))]];
    var q = fields.filter(function (f) { return f[1]; })
      .map(function (f) { return f[0] + "=" + f[1]; }).join("&");
    return "mailto:" + addresses(to) + (q ? "?" + q : "");
  }

  function gmailUrl(to, subject, body) {
    return "https://mail.google.com/mail/?view=cm&fs=1&" +
      query([["to", to.join(",")], ["su", subject], ["body", body]]);
  }

  function outlookUrl(to, subject, body) {
    return "https://outlook.office.com/mail/deeplink/compose?" +
      query([["to", to.join(";")], ["subject", subject], ["body", body]]);
  }

  // Python's str.strip(): its whitespace differs from trim()'s (\x1c-\x1f and \x85 are in, BOM out).
  var PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var PY_STRIP = new RegExp("^" + PY_SPACE + "+|" + PY_SPACE + "+$", "g");

  function shareUrl(target, text, url, subject) {
    var entry = data.share[target];
    if (!entry) { return null; }
    var usesText = entry[1].some(function (pair) { return pair[1].indexOf("{text}") >= 0; });
    // The text already carries the link; a second copy would show twice.
    if (url && usesText && text.indexOf(url) >= 0) { url = ""; }
    var values = entry[1].map(function (pair) {
      var value = pair[1].replace(/\{(text|url|subject)\}/g, function (whole, key) {
        return { text: text, url: url, subject: subject }[key];
      });
      return [pair[0], value.replace(PY_STRIP, "")];
    });
    if (entry[0] === "mailto:") {
      var found = {};
      values.forEach(function (pair) { found[pair[0]] = pair[1]; });
      return mailtoUrl([], found.subject || "", found.body || "");
    }
    return entry[0] + "?" + query(values);
  }

  /* Copy to the clipboard, with the old selection trick where the API is missing. */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function copied(button, text) {
    return copyText(text).then(function () {
      button.classList.add("done");
      announce(S.copied, "copied");
      window.setTimeout(function () { button.classList.remove("done"); }, 2500);
    }, function () { announce(S.copy_failed, "copy_failed"); });
  }

  /* Tabs: one per format of a post, following the WAI-ARIA tabs pattern. */

  var tabGroups = [];

  function selectTab(group, index, focus) {
    group.tabs.forEach(function (tab, i) {
      var selected = i === index;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.tabIndex = selected ? 0 : -1;
      group.panels[i].hidden = !selected;
    });
    if (focus) { group.tabs[index].focus(); }
  }

  function followOthers(source, format) {
    // Most volunteers post to one platform: show that platform on every post.
    tabGroups.forEach(function (group) {
      if (group === source) { return; }
      var index = group.formats.indexOf(format);
      if (index >= 0) { selectTab(group, index, false); }
    });
  }

  function onTabKey(group, event) {
    var index = group.tabs.indexOf(document.activeElement);
    if (index < 0) { return; }
    var rtl = getComputedStyle(group.list).direction === "rtl";
    var last = group.tabs.length - 1;
    var next = null;
    if (event.key === "ArrowRight") { next = rtl ? index - 1 : index + 1; }
    else if (event.key === "ArrowLeft") { next = rtl ? index + 1 : index - 1; }
    else if (event.key === "Home") { next = 0; }
    else if (event.key === "End") { next = last; }
    if (next === null) { return; }
    event.preventDefault();
    next = next < 0 ? last : next > last ? 0 : next;
    selectTab(group, next, true);
    followOthers(group, group.formats[next]);
  }

  function setupTabs(post) {
    var container = post.querySelector(".panels");
    var panels = Array.prototype.slice.call(post.querySelectorAll(".panel"));
    if (!container || panels.length < 2) { return; }
    var list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", container.getAttribute("data-label") || "");
    var group = { list: list, tabs: [], panels: panels, formats: [] };
    panels.forEach(function (panel, i) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = "tab-" + panel.id;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = panel.getAttribute("data-tab");
      tab.addEventListener("click", function () {
        selectTab(group, i, false);
        followOthers(group, group.formats[i]);
      });
      list.appendChild(tab);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      group.tabs.push(tab);
      group.formats.push(panel.getAttribute("data-format"));
    });
    list.addEventListener("keydown", function (event) { onTabKey(group, event); });
    var links = post.querySelector(".format-links");
    if (links) { links.remove(); }
    container.parentNode.insertBefore(list, container);
    post.classList.add("enhanced");
    var wanted = panels.findIndex(function (p) { return "#" + p.id === window.location.hash; });
    selectTab(group, wanted >= 0 ? wanted : 0, false);
    tabGroups.push(group);
  }

  /* Captions: live count by the platform's rule, and share links that follow the edits. */

  function textOf(sources) {
    return sources.split(" ").map(function (id) {
      var node = document.getElementById(id);
      return node ? node.value : "";
    }).join("\n\n");
  }

  function countWords(area) {
    var rule = area.getAttribute("data-rule");
    var limit = Number(area.getAttribute("data-limit"));
    var maxTags = area.getAttribute("data-max-hashtags");
    var text = area.value;
    var length = window.ToolkitCount.count(rule, text);
    var units = S.units || {};
    var words = [fill(S.count, { count: length, limit: limit, unit: units[rule] || units.characters })];
    var over = length > limit;
    if (over) { words.push(fill(S.count_over, { over: length - limit })); }
    if (rule === "bluesky") {
      var bytes = window.ToolkitCount.utf8Bytes(text);
      if (bytes > window.ToolkitCount.BLUESKY_MAX_BYTES) {
        over = true;
        words.push(fill(S.count_bytes, { count: bytes, limit: window.ToolkitCount.BLUESKY_MAX_BYTES }));
      }
    }
    if (maxTags !== null) {
      var tags = window.ToolkitCount.hashtags(text);
      if (tags > Number(maxTags)) {
        over = true;
        words.push(fill(S.count_hashtags, { count: tags, max: maxTags }));
      }
    }
    return { text: words.join("; "), over: over };
  }

  function updateCount(area) {
    var node = document.getElementById(area.id + "-count");
    if (!node || !window.ToolkitCount) { return; }
    var result = countWords(area);
    var wasOver = node.classList.contains("over");
    setText(node, "count", result.text);
    node.classList.toggle("over", result.over);
    // Announce only crossing the limit, not every keystroke.
    if (wasOver !== result.over) { announce(result.text, "count"); }
  }

  function updateShareLinks(area) {
    document.querySelectorAll("a[data-share]").forEach(function (link) {
      var sources = link.getAttribute("data-sources") || "";
      if (sources.split(" ").indexOf(area.id) < 0) { return; }
      var href = shareUrl(link.getAttribute("data-share"), textOf(sources),
                          link.getAttribute("data-url") || "", link.getAttribute("data-subject") || "");
      if (href) { link.href = href; }
    });
  }

  function setupCaption(area) {
    area.addEventListener("input", function () {
      updateCount(area);
      updateShareLinks(area);
    });
  }

  function setupCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      copied(button, "value" in target ? target.value : target.textContent);
    });
  }

  /* Share image and caption through the phone's share sheet; else download the image. */

  function download(urls) {
    urls.forEach(function (url) {
      var link = document.createElement("a");
      link.href = url;
      link.download = url.split("/").pop();
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }

  function fetchFile(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.blob();
    }).then(function (blob) {
      var name = url.split("/").pop();
      var type = blob.type || (/\.jpe?g$/i.test(name) ? "image/jpeg" : "image/png");
      return new File([blob], name, { type: type });
    });
  }

  function setupDeviceShare(button) {
    if (!navigator.share || !navigator.canShare) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var urls = (button.getAttribute("data-files") || "").split(" ").filter(Boolean);
      var text = textOf(button.getAttribute("data-sources") || "");
      Promise.all(urls.map(fetchFile)).then(function (files) {
        if (!navigator.canShare({ files: files })) { throw new Error("cannot share files"); }
        return navigator.share({ files: files, text: text });
      }).catch(function (error) {
        if (error && error.name === "AbortError") { return; }
        download(urls);
        announce(S.share_fallback, "share_fallback");
      });
    });
  }

  /* Dates in the reader's language; the page shows ISO dates without the script. */

  function localizeDates() {
    if (typeof Intl === "undefined") { return; }
    document.querySelectorAll("time[datetime]").forEach(function (node) {
      var iso = node.getAttribute("datetime");
      var m = iso.match(/^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?(.*))?$/);
      if (!m) { return; }
      var wall = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0)));
      var options = { dateStyle: "full", timeZone: "UTC" };
      if (m[4] !== undefined) { options.timeStyle = "short"; }
      try {
        var text = new Intl.DateTimeFormat(lang, options).format(wall);
        // The offset is isolated left-to-right, so its brackets stay put on right-to-left pages.
        // U+2060 after the sign keeps "UTC-08:00" on one line.
        var offset = m[7] ? m[7].charAt(0) + "\u2060" + m[7].slice(1) : "";
        node.textContent = offset ? text + " \u2066(UTC" + offset + ")\u2069" : text;
      } catch (err) { /* keep the ISO date */ }
    });
  }

  /* The email action: find a representative, edit the letter, send or copy it. */

  function normalizeZip(value) { return value.trim().toUpperCase().replace(/\s+/g, " "); }

  function zipLookup(zips, raw) {
    var table = {};
    Object.keys(zips).forEach(function (key) { table[normalizeZip(key)] = zips[key]; });
    var value = normalizeZip(raw);
    var candidates = [value, value.replace(/ /g, ""), value.split("-")[0].trim()];
    for (var i = 0; i < candidates.length; i++) {
      if (table[candidates[i]]) { return table[candidates[i]]; }
    }
    return [];
  }

  function inRing(x, y, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) { inside = !inside; }
    }
    return inside;
  }

  function inPolygon(x, y, polygon) {
    if (!inRing(x, y, polygon[0])) { return false; }
    for (var k = 1; k < polygon.length; k++) {
      if (inRing(x, y, polygon[k])) { return false; }
    }
    return true;
  }

  function districtsAt(collection, lon, lat) {
    var found = [];
    collection.features.forEach(function (feature) {
      var geometry = feature.geometry;
      var polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
      if (polygons.some(function (p) { return inPolygon(lon, lat, p); }) &&
          found.indexOf(feature.properties.district) < 0) {
        found.push(feature.properties.district);
      }
    });
    return found;
  }

  function setupAction() {
    var action = data.action;
    var tool = document.getElementById("letter-tool");
    if (!action || !tool) { return; }
    var byDistrict = {};
    action.targets.forEach(function (target) { byDistrict[target.district] = target; });
    var select = document.getElementById("district");
    var letter = document.getElementById("letter");
    var subject = document.getElementById("letter-subject");
    var body = document.getElementById("letter-body");
    var toNode = document.getElementById("letter-to");
    var result = document.getElementById("lookup-result");
    var choices = document.getElementById("lookup-choices");
    var kept = document.getElementById("letter-kept");
    var reset = document.getElementById("letter-reset");
    var warning = document.getElementById("mailto-warning");
    var links = { mailto: document.getElementById("send-mailto"),
                  gmail: document.getElementById("send-gmail"),
                  outlook: document.getElementById("send-outlook") };
    var current = null;

    tool.hidden = false;
    document.getElementById("all-targets").open = false;

    function updateLinks() {
      if (!current) { return; }
      var to = [current.email];
      var mailto = mailtoUrl(to, subject.value, body.value);
      links.mailto.href = mailto;
      links.gmail.href = gmailUrl(to, subject.value, body.value);
      links.outlook.href = outlookUrl(to, subject.value, body.value);
      var tooLong = mailto.length > data.mailtoSafeLength;
      setText(warning, "mailto_long", fill(S.mailto_long, { email: current.email }));
      if (warning.hidden === tooLong) {
        warning.hidden = !tooLong;
        if (tooLong) { announce(warning.textContent, "mailto_long"); }
      }
    }

    function fillLetter(target) {
      subject.value = target.subject;
      body.value = target.body;
      kept.hidden = true;
    }

    function edited() {
      return current && (subject.value !== current.subject || body.value !== current.body);
    }

    function choose(district) {
      var target = byDistrict[district];
      if (!target) { letter.hidden = true; current = null; return; }
      select.value = district;
      // targets.js follows the district on per-target posts and the call action.
      document.dispatchEvent(new CustomEvent("toolkit:district", { detail: { district: district } }));
      var keep = edited();
      current = target;
      toNode.textContent = target.name + " <" + target.email + ">";
      letter.hidden = false;
      if (keep) {
        setText(document.getElementById("letter-kept-text"), "letter_kept",
                fill(S.letter_kept, { name: target.name }));
        setText(reset, "letter_reset", fill(S.letter_reset, { name: target.name }));
        kept.hidden = false;
        announce(fill(S.letter_kept, { name: target.name }), "letter_kept");
      } else {
        fillLetter(target);
        announce(fill(S.letter_ready, { name: target.name }), "letter_ready");
      }
      updateLinks();
    }

    function showResult(message, districts, key) {
      setText(result, key || "", message);
      result.hidden = false;
      choices.textContent = "";
      choices.hidden = districts.length < 2;
      districts.forEach(function (district) {
        var target = byDistrict[district];
        if (!target) { return; }
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button secondary";
        button.textContent = target.label;
        button.addEventListener("click", function () { choose(district); });
        item.appendChild(button);
        choices.appendChild(item);
      });
      if (districts.length === 1) { choose(districts[0]); }
      announce(message, key);
    }

    select.addEventListener("change", function () { choose(select.value); });
    subject.addEventListener("input", updateLinks);
    body.addEventListener("input", updateLinks);
    reset.addEventListener("click", function () {
      fillLetter(current);
      updateLinks();
      body.focus();
    });
    document.getElementById("copy-letter").addEventListener("click", function (event) {
      copied(event.currentTarget, body.value);
    });

    var zipInput = document.getElementById("zip");
    if (zipInput) {
      var findZip = function () {
        var value = zipInput.value.trim();
        if (!value) { showResult(S.zip_bad, [], "zip_bad"); return; }
        var districts = zipLookup(action.zips || {}, value);
        if (!districts.length) { showResult(fill(S.zip_none, { zip: value }), [], "zip_none"); return; }
        var key = districts.length === 1 ? "zip_one" : "zip_many";
        showResult(fill(S[key], { zip: value, district: districts[0] }), districts, key);
      };
      document.getElementById("zip-find").addEventListener("click", findZip);
      zipInput.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); findZip(); }
      });
    }

    var locateField = document.getElementById("locate-field");
    if (locateField && action.districts && navigator.geolocation) {
      locateField.hidden = false;
      document.getElementById("locate").addEventListener("click", function () {
        announce(S.locating, "locating");
        navigator.geolocation.getCurrentPosition(function (position) {
          var found = districtsAt(action.districts, position.coords.longitude, position.coords.latitude);
          if (!found.length) { showResult(S.locate_none, [], "locate_none"); return; }
          var one = found.length === 1 && byDistrict[found[0]];
          showResult(one ? one.label : S.located_many, found, one ? "" : "located_many");
        }, function () { showResult(S.locate_denied, [], "locate_denied"); },
        { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
      });
    }

    if (action.targets.length === 1) { choose(action.targets[0].district); }
  }

  document.querySelectorAll(".post").forEach(setupTabs);
  document.querySelectorAll("textarea[data-rule]").forEach(setupCaption);
  document.querySelectorAll("button[data-copy]").forEach(setupCopy);
  document.querySelectorAll("button.device-share").forEach(setupDeviceShare);
  localizeDates();
  setupAction();

  window.ToolkitLinks = { shareUrl: shareUrl, mailtoUrl: mailtoUrl, gmailUrl: gmailUrl, outlookUrl: outlookUrl };
})();
