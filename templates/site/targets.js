/* Follow the volunteer's district: per-target posts show that district's version, the call
   action that district's office, and the letter its representative. The district comes from
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
      all(".target-version", group).forEach(function (version) {
        version.hidden = version.getAttribute("data-district") !== district;
      });
    });
    all("[data-call] .call-office").forEach(function (office) {
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

  apply(stored(), "storage");
})();
