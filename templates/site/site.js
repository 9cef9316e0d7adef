/* Toolkit page behaviour. The page works without it: this only enhances (the remembered
   platform choice, copy, live counts, links that carry edits, sharing from a phone, finding a
   representative). Listeners are delegated, so loading the page does almost no work. */
(function () {
  "use strict";

  var dataNode = document.getElementById("toolkit-data");
  var data = dataNode ? JSON.parse(dataNode.textContent) : { strings: {}, share: {} };
  var S = data.strings || {};
  var statusNode = document.getElementById("status");
  var lang = document.documentElement.lang || "en";
  var STORE_KEY = "toolkit-platform";

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

  function copied(button, text, message, key) {
    return copyText(text).then(function () {
      if (button) {
        button.classList.add("done");
        window.setTimeout(function () { button.classList.remove("done"); }, 2500);
      }
      announce(message || S.copied, key || "copied");
    }, function () { announce(S.copy_failed, "copy_failed"); });
  }

  /* The platform: chosen once. Each platform is a page of its own (<lang>/<format>.html), so
     the address holds the choice even without the script; this browser remembers it too, and
     the default page goes straight to the remembered platform's page. */

  function storedPlatform() {
    try { return window.localStorage.getItem(STORE_KEY); } catch (err) { return null; }
  }

  function rememberPlatform(value) {
    try { window.localStorage.setItem(STORE_KEY, value); } catch (err) { /* private mode */ }
  }

  function setupPlatform() {
    var pages = data.platforms || {};
    var asked = new URL(window.location.href).searchParams.get("platform");
    var wanted = data.platformChosen ? "" : (asked || storedPlatform());
    if (wanted && wanted !== data.platform && pages[wanted]) {
      rememberPlatform(wanted);
      window.location.replace(pages[wanted] + window.location.hash);
      return true;
    }
    if (data.platformChosen || asked) { rememberPlatform(data.platform); }
    document.addEventListener("click", function (event) {
      var chip = event.target.closest && event.target.closest("a[data-platform]");
      if (chip) { rememberPlatform(chip.getAttribute("data-platform")); }
    });
    return false;
  }

  // Another language keeps the platform and the place on the page.
  function setupLanguageLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".languages a[hreflang]");
      if (!link) { return; }
      var url = new URL(link.href);
      var place = "";
      document.querySelectorAll("main .section, main .post").forEach(function (node) {
        if (node.id && node.getBoundingClientRect().top <= 80) { place = node.id; }
      });
      if (place) { url.hash = place; }
      link.href = url.href;
    });
  }

  /* Captions: live count by the platform's rule, and links that carry the edits. */

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
    var panel = area.closest(".panel");
    if (!panel) { return; }
    panel.querySelectorAll("a[data-share]").forEach(function (link) {
      var sources = link.getAttribute("data-sources") || "";
      if (sources.split(" ").indexOf(area.id) < 0) { return; }
      var href = shareUrl(link.getAttribute("data-share"), textOf(sources),
                          link.getAttribute("data-url") || "", "");
      if (href) { link.href = href; }
    });
  }

  // Browsers without CSS field-sizing: grow the box to its text as it is shown or typed in.
  var fieldSizing = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");

  function grow(area) {
    if (fieldSizing || !area.offsetParent) { return; }
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 4 + "px";
  }

  function setupCaptions() {
    document.addEventListener("input", function (event) {
      var area = event.target;
      if (area.tagName !== "TEXTAREA" || !area.hasAttribute("data-rule")) { return; }
      updateCount(area);
      updateShareLinks(area);
      grow(area);
    });
  }

  function visiblePanel(post) {
    var panels = post.querySelectorAll(".panel");
    for (var i = 0; i < panels.length; i++) {
      if (panels[i].offsetParent !== null || panels[i].getClientRects().length) { return panels[i]; }
    }
    return panels[0] || null;
  }

  function setupClicks() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) { button.hidden = false; });
    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("[data-copy], [data-copy-first], a[data-message]") : null;
      if (!target) { return; }
      if (target.hasAttribute("data-copy")) {
        var node = document.getElementById(target.getAttribute("data-copy"));
        if (node) { copied(target, node.value); }
      } else if (target.hasAttribute("data-copy-first")) {
        // This app takes only the link: copy the caption now, so it can be pasted there.
        copied(null, textOf(target.getAttribute("data-copy-first")), S.caption_copied_paste,
               "caption_copied_paste");
      } else {
        var post = target.closest(".post");
        var panel = post && visiblePanel(post);
        var area = panel && panel.querySelector("textarea[data-rule]");
        if (area) {
          var href = shareUrl(target.getAttribute("data-message"), area.value,
                              target.getAttribute("data-url") || "", document.title);
          if (href) { target.href = href; }
        }
      }
    });
  }

  /* Share image and caption through the phone's share sheet. The files are fetched as soon
     as a post is opened, so the tap itself shares at once (a share that waits for a download
     loses the tap and is refused). */

  var shareFiles = {};

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

  function prefetch(button) {
    var key = button.getAttribute("data-files") || "";
    if (!key || shareFiles[key]) { return; }
    var entry = { files: null, error: null };
    shareFiles[key] = entry;
    Promise.all(key.split(" ").filter(Boolean).map(fetchFile)).then(function (files) {
      entry.files = files;
    }, function (error) { entry.error = error || new Error("fetch"); });
  }

  function prepareShares() {
    if (!canShare) { return; }
    // Open posts, and the version of a per-target post shown for the volunteer's district.
    document.querySelectorAll(".post > details[open], .target-version:not([hidden])")
      .forEach(function (post) {
      var panel = visiblePanel(post);
      var button = panel && panel.querySelector("button.device-share");
      if (button) { prefetch(button); }
    });
  }

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

  var canShare = !!(navigator.share && navigator.canShare);

  function shareFailed(error, urls) {
    var name = error && error.name;
    if (name === "AbortError") { announce(S.share_cancelled, "share_cancelled"); }
    else if (name === "NotAllowedError") { announce(S.share_not_allowed, "share_not_allowed"); }
    else if (name === "NoFiles") {
      download(urls);
      announce(S.share_no_files, "share_no_files");
    } else {
      announce(fill(S.share_failed, { error: name || String(error) }), "share_failed");
    }
  }

  function setupDeviceShare() {
    if (!canShare) { return; }
    document.querySelectorAll("button.device-share").forEach(function (button) { button.hidden = false; });
    document.addEventListener("toggle", function (event) {
      if (event.target.open && event.target.parentNode.classList.contains("post")) { prepareShares(); }
    }, true);
    // targets.js shows the district's version of per-target posts.
    document.addEventListener("toolkit:shown", prepareShares);
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button.device-share") : null;
      if (!button) { return; }
      var key = button.getAttribute("data-files") || "";
      var urls = key.split(" ").filter(Boolean);
      var text = textOf(button.getAttribute("data-sources") || "");
      var entry = shareFiles[key];
      if (!entry) { prefetch(button); entry = shareFiles[key]; }
      // Many apps drop the text that comes with an image: the caption is on the clipboard too.
      copyText(text).catch(function () { return null; });
      if (entry.error) { announce(S.share_fetch_failed, "share_fetch_failed"); delete shareFiles[key]; return; }
      if (!entry.files) { announce(S.share_loading, "share_loading"); return; }
      var payload = { files: entry.files, text: text };
      var ok = false;
      try { ok = navigator.canShare(payload); } catch (err) { ok = false; }
      if (!ok) { shareFailed({ name: "NoFiles" }, urls); return; }
      var sharing;
      try { sharing = navigator.share(payload); } catch (err) { shareFailed(err, urls); return; }
      Promise.resolve(sharing).then(function () { announce(S.share_done, "share_done"); },
                                    function (error) { shareFailed(error, urls); });
    });
  }

  /* Dates in the reader's language; the page shows ISO dates without the script. */

  function localizeDates(nodes) {
    nodes.forEach(function (node) {
      if (node.hasAttribute("data-localized")) { return; }
      node.setAttribute("data-localized", "");
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

  // Intl's first use costs tens of milliseconds (it loads its locale data), a long task on a
  // slow phone: the dates are localized when they come near the screen (or the page is
  // printed), not while the page loads.
  function localizeDatesWhenNear() {
    var nodes = Array.prototype.slice.call(document.querySelectorAll("time[datetime]"));
    if (!nodes.length || typeof Intl === "undefined") { return; }
    var now = function () { localizeDates(nodes); };
    window.addEventListener("beforeprint", now);
    if (!window.IntersectionObserver) { now(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        now();
      }
    }, { rootMargin: "100% 0px" });
    nodes.forEach(function (node) { observer.observe(node); });
  }

  /* The email action: find a representative, sign and edit the letter, send or copy it. */

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

  // Distance from a point to a ring's edges, in degrees of latitude (as toolkit/site/districts.py).
  function nearRing(x, y, ring, tolerance) {
    var scale = Math.cos(y * Math.PI / 180);
    for (var i = 1; i < ring.length; i++) {
      var ax = ring[i - 1][0] * scale, ay = ring[i - 1][1];
      var bx = ring[i][0] * scale, by = ring[i][1];
      var px = x * scale, dx = bx - ax, dy = by - ay, length = dx * dx + dy * dy;
      var t = length ? Math.max(0, Math.min(1, ((px - ax) * dx + (y - ay) * dy) / length)) : 0;
      if (Math.hypot(px - (ax + t * dx), y - (ay + t * dy)) <= tolerance) { return true; }
    }
    return false;
  }

  // Every district the point is in, or within the simplification's tolerance of: near a
  // border the simplified map cannot tell, so the person picks.
  function districtsAt(map, lon, lat) {
    var inside = [], near = [];
    map.districts.forEach(function (district) {
      district.polygons.forEach(function (polygon) {
        if (inPolygon(lon, lat, polygon)) {
          if (inside.indexOf(district.district) < 0) { inside.push(district.district); }
        } else if (polygon.some(function (ring) { return nearRing(lon, lat, ring, map.tolerance); }) &&
                   near.indexOf(district.district) < 0) {
          near.push(district.district);
        }
      });
    });
    return inside.concat(near.filter(function (d) { return inside.indexOf(d) < 0; }));
  }

  function loadDistricts(src) {
    if (window.toolkitDistrictMap) { return Promise.resolve(window.toolkitDistrictMap); }
    return new Promise(function (resolve, reject) {
      window.toolkitDistricts = function (map) { window.toolkitDistrictMap = map; resolve(map); };
      var script = document.createElement("script");
      script.src = src;
      script.onerror = function () { reject(new Error("districts")); };
      document.head.appendChild(script);
    });
  }

  function setupAction() {
    var action = data.action;
    var tool = document.getElementById("letter-tool");
    var allTargets = document.getElementById("all-targets");
    // site.css hides the open list until now; without the letter tool it stays open.
    if (allTargets) { allTargets.classList.add("ready"); }
    if (!action || !tool) { return; }
    var byDistrict = {};
    action.targets.forEach(function (target) { byDistrict[target.district] = target; });
    // Each letter is in the page once: in its mailto link (which works without the script),
    // or in the page's data when those links are on the page listing every district.
    document.querySelectorAll("#all-targets a[data-district]").forEach(function (link) {
      var target = byDistrict[link.getAttribute("data-district")];
      var query = link.getAttribute("href").split("?")[1] || "";
      if (!target || target.body !== undefined) { return; }
      target.subject = "";
      target.body = "";
      query.split("&").forEach(function (pair) {
        var at = pair.indexOf("=");
        var value = decodeURIComponent(pair.slice(at + 1)).replace(/\r\n/g, "\n");
        if (pair.slice(0, at) === "subject") { target.subject = value; }
        if (pair.slice(0, at) === "body") { target.body = value; }
      });
    });
    var select = document.getElementById("district");
    var letter = document.getElementById("letter");
    var subject = document.getElementById("letter-subject");
    var body = document.getElementById("letter-body");
    var signName = document.getElementById("sign-name");
    var signAddress = document.getElementById("sign-address");
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
    var signature = "";

    tool.hidden = false;
    if (allTargets) { allTargets.open = false; }

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

    // The signature is the letter's last lines: replaced when the fields change, kept when
    // the person edited the letter's end themselves.
    function sign() {
      var lines = [signName.value.trim(), signAddress.value.trim()].filter(Boolean).join("\n");
      var text = body.value;
      if (signature && text.slice(-signature.length) === signature) {
        text = text.slice(0, -signature.length);
      } else if (signature) {
        signature = "";
      }
      var next = lines ? (/\n$/.test(text) || !text ? "" : "\n") + lines + "\n" : "";
      signature = next;
      body.value = text + next;
    }

    function fillLetter(target) {
      subject.value = target.subject;
      body.value = target.body;
      signature = "";
      sign();
      kept.hidden = true;
    }

    function edited() {
      return current && (subject.value !== current.subject ||
                         body.value !== current.body + signature);
    }

    function clearLetter(message, key) {
      current = null;
      select.value = "";
      letter.hidden = true;
      subject.value = "";
      body.value = "";
      signature = "";
      return message;
    }

    function choose(district) {
      var target = byDistrict[district];
      if (!target) { clearLetter(); return; }
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
      if (!districts.length) { clearLetter(); }
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
      else if (districts.length > 1) { clearLetter(); }
      announce(message, key);
    }

    select.addEventListener("change", function () { choose(select.value); });
    subject.addEventListener("input", updateLinks);
    body.addEventListener("input", updateLinks);
    [signName, signAddress].forEach(function (field) {
      field.addEventListener("input", function () { sign(); updateLinks(); });
    });
    reset.addEventListener("click", function () {
      fillLetter(current);
      updateLinks();
      body.focus();
    });
    document.getElementById("copy-letter").addEventListener("click", function (event) {
      if (!current) { return; }
      var whole = S_to() + " " + current.name + " <" + current.email + ">\n" +
        S_subject() + " " + subject.value + "\n\n" + body.value;
      copied(event.currentTarget, whole, S.letter_copied, "letter_copied");
    });

    function S_to() { return (document.querySelector(".recipient .label") || {}).textContent || "To:"; }
    function S_subject() {
      var label = document.querySelector("label[for=letter-subject]");
      return (label ? label.textContent : "Subject") + ":";
    }

    var zipInput = document.getElementById("zip");
    if (zipInput) {
      var findZip = function () {
        var value = zipInput.value.trim();
        if (!value) { showResult(S.zip_bad, [], "zip_bad"); return; }
        var districts = zipLookup(action.zips || {}, value).filter(function (d) { return byDistrict[d]; });
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
        var map = loadDistricts(action.districts);
        navigator.geolocation.getCurrentPosition(function (position) {
          map.then(function (loaded) {
            var found = districtsAt(loaded, position.coords.longitude, position.coords.latitude)
              .filter(function (d) { return byDistrict[d]; });
            if (!found.length) { showResult(S.locate_none, [], "locate_none"); return; }
            var one = found.length === 1 && byDistrict[found[0]];
            showResult(one ? one.label : S.located_many, found, one ? "" : "located_many");
          }, function () { showResult(S.locate_failed, [], "locate_failed"); });
        }, function () { showResult(S.locate_denied, [], "locate_denied"); },
        { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
      });
    }

    if (action.targets.length === 1) { choose(action.targets[0].district); }
  }

  /* Start-up in steps, each a task of its own, so that no step holds the main thread long on
     a slow phone (the browser may paint and answer a tap between them). targets.js adds its
     steps after these. <html data-ready="1"> says that every step has run. */

  var steps = [];
  var stepsRunning = false;
  // targets.js is on the page when the campaign follows a district: wait for its steps too.
  var waitingFor = data.follow ? 1 : 0;

  function nextTask() {
    if (window.scheduler && typeof window.scheduler.yield === "function") {
      return window.scheduler.yield();
    }
    return new Promise(function (resolve) { window.setTimeout(resolve, 0); });
  }

  var leaving = false;

  function runSteps() {
    if (leaving) { return; }
    if (!steps.length) {
      stepsRunning = false;
      if (!waitingFor) { document.documentElement.setAttribute("data-ready", "1"); }
      return;
    }
    stepsRunning = true;
    var step = steps.shift();
    try { step(); } catch (err) {
      // Report it as the browser would, and go on with the other steps.
      window.setTimeout(function () { throw err; }, 0);
    }
    nextTask().then(runSteps);
  }

  function addSteps(list, fromOtherScript) {
    if (leaving) { return; }
    Array.prototype.push.apply(steps, list);
    if (fromOtherScript && waitingFor) { waitingFor -= 1; }
    if (!stepsRunning) { stepsRunning = true; nextTask().then(runSteps); }
  }

  window.ToolkitLinks = { shareUrl: shareUrl, mailtoUrl: mailtoUrl, gmailUrl: gmailUrl, outlookUrl: outlookUrl };
  window.ToolkitStart = { add: function (list) { addSteps(list, true); } };
  // Should targets.js fail to load, the page is ready without it (deferred scripts run before "load").
  window.addEventListener("load", function () {
    if (!waitingFor) { return; }
    waitingFor = 0;
    if (!stepsRunning) { runSteps(); }
  });

  /* Caption boxes come inside <noscript>, so that the browser does not build them while the
     page loads: Chromium spends a style and layout pass on each text field of the page, all in
     one task, at DOMContentLoaded and again after fields are added. The boxes of a gallery
     post are built when it is opened (the tap that opens it builds them first); the others
     (per-target posts, the districts page) during start-up. */

  function unwrap(nodes) {
    var template = document.createElement("template");
    Array.prototype.forEach.call(nodes, function (node) {
      template.innerHTML = node.textContent;
      node.parentNode.replaceChild(template.content, node);
    });
  }

  /* Gallery thumbnails below a phone's first row come inside <noscript> too, behind an empty
     picture of their shape: the browser's own lazy loading fetches every image within about
     1,250 px, which on a phone is the whole gallery with the page. Each is made when it comes
     within half a screen, when its post opens, or before printing. */

  function showThumbs(waiting) {
    Array.prototype.forEach.call(waiting, function (wait) {
      var later = wait.nextElementSibling;
      if (later && later.matches("noscript.thumb-later")) { unwrap([later]); }
      wait.remove();
    });
  }

  function thumbsWhenNear() {
    var waiting = document.querySelectorAll(".thumb-wait");
    if (!window.IntersectionObserver) { showThumbs(waiting); return; }
    var observer = new IntersectionObserver(function (entries) {
      showThumbs(entries.filter(function (entry) { return entry.isIntersecting; })
        .map(function (entry) { observer.unobserve(entry.target); return entry.target; }));
    }, { rootMargin: "50% 0px" });
    waiting.forEach(function (node) { observer.observe(node); });
    window.addEventListener("beforeprint", function () {
      showThumbs(document.querySelectorAll(".thumb-wait"));
    });
  }

  function buildPost(details) {
    unwrap(details.querySelectorAll("noscript.caption-box"));
    showThumbs(details.querySelectorAll(".thumb-wait"));
  }

  var CLOSED_POST = ".gallery > .post > details:not([open])";

  function setupBoxes() {
    unwrap(Array.prototype.filter.call(document.querySelectorAll("noscript.caption-box"),
      function (node) { return !node.closest(CLOSED_POST); }));
    document.addEventListener("click", function (event) {
      var summary = event.target.closest && event.target.closest(".post > details > summary");
      if (summary) { buildPost(summary.parentNode); }
    }, true);
    // Opened some other way (from a link to the post, by a script).
    document.addEventListener("toggle", function (event) {
      if (event.target.open) { buildPost(event.target); }
    }, true);
  }

  addSteps([
    // The remembered platform's page: go there before anything else. (The first read of
    // localStorage can take a while: a step of its own.)
    function () {
      if (setupPlatform()) { leaving = true; steps.length = 0; }
    },
    setupBoxes,
    thumbsWhenNear,
    function () {
      setupLanguageLinks();
      setupCaptions();
      setupClicks();
    },
    function () {
      // The bar of shortcuts at the bottom of a phone waits until the first actions scroll away.
      var firstActions = document.querySelector(".first-actions");
      var dock = document.querySelector(".dock");
      if (firstActions && dock && window.IntersectionObserver) {
        new IntersectionObserver(function (entries) {
          dock.classList.toggle("away", entries[entries.length - 1].isIntersecting);
        }).observe(firstActions);
      }
      localizeDatesWhenNear();
    },
    setupDeviceShare,
    setupAction,
    function () {
      // Opened from a link to a post (#post-...): open it.
      var opened = window.location.hash && document.getElementById(window.location.hash.slice(1));
      if (opened && opened.classList.contains("post")) {
        var details = opened.querySelector("details");
        buildPost(details);
        details.open = true;
      }
    }
  ], false);
})();
