/* Caption length by each platform's rule: a port of toolkit/captions/counting.py.
   The page's counter and the build must agree, so every rule here mirrors the Python one;
   tests/site/test_browser.py compares both on the same texts. */
(function (global) {
  "use strict";

  var URL_WEIGHT = 23;
  var EMOJI_WEIGHT = 2;
  var BLUESKY_MAX_BYTES = 3000;
  // twitter-text config v3: these code point ranges weigh 1, everything else 2.
  var LIGHT_RANGES = [[0x0000, 0x10FF], [0x2000, 0x200D], [0x2010, 0x201F], [0x2032, 0x2037]];

  // Python's `regex` \w, [^\W\d_] and \d, spelled with the same Unicode properties.
  var WORD_CLASS = "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}";
  var W = "[" + WORD_CLASS + "]";
  var W_DASH = "[" + WORD_CLASS + "\\-]";
  var LETTER = "(?:(?![\\p{Nd}_])" + W + ")";

  var EMOJI_SOURCE = "\\p{Regional_Indicator}|[0-9#*]\\uFE0F?\\u20E3|\\p{Emoji_Presentation}|\\p{Extended_Pictographic}\\uFE0F";
  var EMOJI = null;

  var LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  var UNICODE_LABEL = W + "(?:" + W_DASH + "{0,61}" + W + ")?";
  var TLD = "(?:[a-z]{2,}|xn--[a-z0-9-]+)(?![a-z0-9_\\-])";
  var PATH_CHAR = "[\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{Nd}\\p{M}_\\-.~:/?#\\[\\]@!$&'()*+,;=%|]";
  var TAIL = "(?::\\p{Nd}{1,5})?(?:[/?#]" + PATH_CHAR + "*)?";
  var URL_SOURCE =
    "(?<![a-z0-9@\uFF20$#\uFF03])https?://(?:" + UNICODE_LABEL + "\\.)+(?:" + TLD + "|" +
    LETTER + "{2,}(?!" + W_DASH + "))" + TAIL +
    "|(?<![a-z0-9@\uFF20$#\uFF03._/\\-])(?:" + LABEL + "\\.)+" + TLD + "(?!@)" + TAIL;
  var TRAILING_PUNCT = ".,;:!?'\"*\u00BB\u201D\u2019>]}";

  // Compiled on first use: Unicode property classes are slow to compile, and most visitors
  // never edit a caption.
  var compiled = {};
  function pattern(name) {
    if (!compiled[name]) {
      compiled[name] = name === "mention" ? new RegExp(
        "(?<![=/" + WORD_CLASS + "])@([a-z0-9_]+)(?:@" + W + "+(?:[.\\-]+" + W + "+)*)?", "giu")
        : name === "hashtag" ? new RegExp(
          "(?<![" + WORD_CLASS + "&#\uFF03/])[#\uFF03](?=" + W + "*" + LETTER + ")" + W + "+", "gu")
        : new RegExp(URL_SOURCE, "giu");
    }
    compiled[name].lastIndex = 0;
    return compiled[name];
  }

  var segmenter = null;

  function graphemes(text) {
    if (segmenter === null) {
      segmenter = typeof Intl !== "undefined" && Intl.Segmenter
        ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : false;
    }
    if (!segmenter) { return Array.from(text); }
    var out = [];
    for (var part of segmenter.segment(text)) { out.push(part.segment); }
    return out;
  }

  function isEmoji(cluster) {
    EMOJI = EMOJI || new RegExp(EMOJI_SOURCE, "u");
    return EMOJI.test(cluster);
  }

  function codePointWeight(char) {
    var code = char.codePointAt(0);
    for (var i = 0; i < LIGHT_RANGES.length; i++) {
      if (code >= LIGHT_RANGES[i][0] && code <= LIGHT_RANGES[i][1]) { return 1; }
    }
    return 2;
  }

  function trimUrl(url) {
    function count(ch) { return url.split(ch).length - 1; }
    while (url && (TRAILING_PUNCT.indexOf(url[url.length - 1]) >= 0 ||
           (url[url.length - 1] === ")" && count(")") > count("(")))) {
      url = url.slice(0, -1);
    }
    return url;
  }

  function findUrls(text) {
    var spans = [];
    for (var match of text.matchAll(pattern("url"))) {
      spans.push([match.index, match.index + trimUrl(match[0]).length]);
    }
    return spans;
  }

  function splitBySpans(text, spans) {
    var pieces = [];
    var position = 0;
    spans.forEach(function (span) {
      pieces.push([false, text.slice(position, span[0])]);
      pieces.push([true, text.slice(span[0], span[1])]);
      position = span[1];
    });
    pieces.push([false, text.slice(position)]);
    return pieces;
  }

  function utf8Bytes(text) { return new TextEncoder().encode(text).length; }

  function twitterPlain(text) {
    return graphemes(text).reduce(function (sum, cluster) {
      if (isEmoji(cluster)) { return sum + EMOJI_WEIGHT; }
      return sum + Array.from(cluster).reduce(function (s, c) { return s + codePointWeight(c); }, 0);
    }, 0);
  }

  function countTwitter(text) {
    text = text.normalize("NFC");
    return splitBySpans(text, findUrls(text)).reduce(function (sum, piece) {
      return sum + (piece[0] ? URL_WEIGHT : twitterPlain(piece[1]));
    }, 0);
  }

  function countGraphemes(text) { return graphemes(text).length; }

  function countMastodon(text) {
    var spans = findUrls(text).filter(function (span) {
      return /^https?:\/\//i.test(text.slice(span[0], span[1]));
    });
    return splitBySpans(text, spans).reduce(function (sum, piece) {
      return sum + (piece[0] ? URL_WEIGHT : countGraphemes(piece[1].replace(pattern("mention"), "@$1")));
    }, 0);
  }

  function countThreads(text) {
    return graphemes(text).reduce(function (sum, cluster) {
      return sum + (isEmoji(cluster) ? utf8Bytes(cluster) : Array.from(cluster).length);
    }, 0);
  }

  function countHashtags(text) {
    var plain = splitBySpans(text, findUrls(text))
      .filter(function (piece) { return !piece[0]; })
      .map(function (piece) { return piece[1]; }).join("");
    return (plain.match(pattern("hashtag")) || []).length;
  }

  function utf16Units(text) { return text.length; }

  var COUNTERS = {
    twitter: countTwitter,
    bluesky: countGraphemes,
    mastodon: countMastodon,
    threads: countThreads,
    instagram: utf16Units,
    linkedin: utf16Units,
    facebook: utf16Units,
    characters: function (text) { return Array.from(text).length; }
  };

  function asSubmitted(text) { return text.replace(/\r\n?/g, "\n"); }

  function count(rule, text) {
    var counter = COUNTERS[rule];
    if (!counter) { throw new Error("unknown counting rule " + rule); }
    return counter(asSubmitted(text));
  }

  global.ToolkitCount = {
    count: count,
    hashtags: function (text) { return countHashtags(asSubmitted(text)); },
    utf8Bytes: function (text) { return utf8Bytes(asSubmitted(text)); },
    findUrls: findUrls,
    BLUESKY_MAX_BYTES: BLUESKY_MAX_BYTES
  };
})(window);
