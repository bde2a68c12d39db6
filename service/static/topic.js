/* carevoice pages: display settings and the one audio player.
   Progressive enhancement: without this file the page has a native player per
   section, links to MP3s and transcripts, and every word of the text. Loaded
   in <head> without defer: it marks the page as scripted (html.js) and applies
   the stored display settings before the first paint, so nothing moves. */
(function () {
  "use strict";

  var root = document.documentElement;
  var store = {
    get: function (key) { try { return window.localStorage.getItem("carevoice." + key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem("carevoice." + key, value); } catch (e) { /* private mode */ } }
  };
  var SCALES = [1, 1.25, 1.5, 1.75, 2];
  var scale = Math.min(Math.max(parseFloat(store.get("textScale")) || 1, 1), 2);
  root.classList.add("js");
  root.style.setProperty("--font-scale", String(scale));
  root.classList.toggle("high-contrast", store.get("contrast") === "on");

  function all(selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector(".status");
    var messages = status ? JSON.parse(status.getAttribute("data-messages") || "{}") : {};

    function say(key, values) {
      if (!status || !messages[key]) { return; }
      var text = messages[key].replace(/%\((\w+)\)s/g, function (_, name) { return (values || {})[name]; });
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);  // re-announce repeats
    }

    /* ---- display settings ------------------------------------------------ */
    var contrastButton = document.querySelector("[data-aid=contrast]");
    function showContrast() {
      if (contrastButton) { contrastButton.setAttribute("aria-pressed", String(root.classList.contains("high-contrast"))); }
    }
    showContrast();
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-aid]");
      if (!button) { return; }
      var aid = button.getAttribute("data-aid");
      if (aid === "contrast") {
        store.set("contrast", root.classList.toggle("high-contrast") ? "on" : "off");
        showContrast();
        return;
      }
      var index = Math.max(0, SCALES.indexOf(scale)) + (aid === "larger" ? 1 : -1);
      scale = SCALES[Math.max(0, Math.min(SCALES.length - 1, index))];
      root.style.setProperty("--font-scale", String(scale));
      store.set("textScale", String(scale));
      say("textSize", { percent: new Intl.NumberFormat(root.lang, { style: "percent" }).format(scale) });
    });

    var box = document.getElementById("player");
    if (!box) { return; }
    // The one player replaces the native players and links of the page without script.
    all(".native-audio, .term-audio").forEach(function (element) { element.remove(); });
    startPlayer(box, say);
  });

  /* ---- the one player ------------------------------------------------------ */
  function startPlayer(box, say) {
    var audio = box.querySelector("audio");
    var controls = box.querySelector(".player-controls");
    var toggle = controls.querySelector("[data-action=toggle]");
    var speed = controls.querySelector("select");
    var speedNow = controls.querySelector(".speed-now");
    var speedLabel = speedNow && speedNow.parentNode.getAttribute("aria-label");
    var nowPlaying = box.querySelector(".now-playing");
    var position = box.querySelector(".position");
    var listens = all("button.listen");
    var sections = listens.filter(function (b) { return b.closest(".topic-section"); });
    var RATES = ["0.75", "1", "1.25", "1.5", "1.75", "2"];
    var rate = RATES.indexOf(store.get("speed")) >= 0 ? store.get("speed") : "1";
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    var lastUserScroll = 0;
    var unit = null, cues = null, current = null, cueRequest = 0;
    var prompt = toggle.getAttribute("data-prompt");

    ["wheel", "touchmove"].forEach(function (type) {
      window.addEventListener(type, function () { lastUserScroll = Date.now(); }, { passive: true });
    });
    window.addEventListener("keydown", function (event) {
      if (["PageUp", "PageDown", "Home", "End"].indexOf(event.key) >= 0) { lastUserScroll = Date.now(); }
    });

    function clock(seconds) {
      seconds = Math.max(0, Math.floor(seconds || 0));
      return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    }
    function normalise(text) { return text.replace(/\s+/g, " ").trim(); }
    function named(template, name) { return template.replace("%(name)s", name); }

    /* A unit is what one element describes (data-title, data-mp3...): the
       player itself for the whole topic, or a Listen button. */
    function load(source) {
      if (unit && unit.source === source) { return; }
      highlight(null);
      if (unit && unit.button) { unit.button.setAttribute("aria-pressed", "false"); }
      var scope = (source !== box && source.closest(".topic-section, .glossary-entry")) || document.querySelector("article");
      unit = { source: source, button: source === box ? null : source, scope: scope,
               title: source.getAttribute("data-title") };
      cues = null;
      audio.src = source.getAttribute("data-mp3");
      audio.defaultPlaybackRate = audio.playbackRate = parseFloat(rate);
      nowPlaying.textContent = unit.title;
      all("[data-link]", box).forEach(function (link) {
        var transcript = source.getAttribute("data-transcript");
        var href = link.getAttribute("data-link") === "download" ? source.getAttribute("data-mp3") + "?download=1" : transcript;
        link.hidden = !href;
        if (href) { link.href = href; }
      });
      if (prompt) { toggle.setAttribute("data-prompt", source.getAttribute("data-prompt") || prompt); }
      showState(false);
    }

    function play() {
      var played = audio.play();
      if (played && played.catch) { played.catch(function (error) { if (error.name !== "AbortError") { say("error"); } }); }
    }

    function choose(source) {
      if (unit && unit.source === source && !audio.paused) { audio.pause(); return; }
      load(source);
      play();
    }

    function showState(playing) {
      toggle.setAttribute("aria-label", named(box.getAttribute(playing ? "data-pause" : "data-play"), unit.title));
      toggle.querySelector(".icon").textContent = playing ? "❚❚" : "▶\uFE0E";
      if (unit.button) { unit.button.setAttribute("aria-pressed", String(playing)); }
    }

    function act(action) {
      if (action === "toggle") {
        if (audio.paused) { play(); } else { audio.pause(); }
      } else if (action === "back") {
        audio.currentTime = Math.max(0, audio.currentTime - 10);
      } else if (action === "repeat") {
        var cue = cueAt(audio.currentTime);
        audio.currentTime = cue ? cue.start : 0;
        if (audio.paused) { play(); }
      } else if (action === "previous" || action === "next") {
        step(action === "next" ? 1 : -1);
      } else if (action === "stop") {
        audio.pause();
        audio.currentTime = 0;
        highlight(null);
        say("stopped");
      } else if (action === "cycle-speed") {
        setRate(RATES[(RATES.indexOf(rate) + 1) % RATES.length]);
      } else if (action === "faster" || action === "slower") {
        var index = RATES.indexOf(rate) + (action === "faster" ? 1 : -1);
        setRate(RATES[Math.max(0, Math.min(RATES.length - 1, index))]);
      }
    }

    /* Previous and next section: the neighbouring section's audio, or within
       the whole topic the neighbouring heading's cue. */
    function step(direction) {
      var index = sections.indexOf(unit.button);
      if (index >= 0 || !cues || !cues.length) {
        var target = sections[index + direction] || (index < 0 && direction > 0 ? sections[0] : null) ||
          (index === 0 && direction < 0 ? whole : null);  // before the first section: the whole topic
        if (target) { choose(target); audio.currentTime = 0; }
        return;
      }
      var now = audio.currentTime, headings = cues.filter(function (c) { return c.element && c.element.tagName === "H2"; });
      var here = -1;
      headings.forEach(function (c, i) { if (c.start <= now + 0.05) { here = i; } });
      var goal = headings[here + direction];
      if (goal) { audio.currentTime = goal.start; if (audio.paused) { play(); } }
    }

    function loadCues() {
      var address = unit.source.getAttribute("data-timings");
      if (cues || !address) { return; }
      cues = [];
      var request = cueRequest += 1, scope = unit.scope;
      fetch(address).then(function (response) {
        return response.ok ? response.json() : [];
      }).then(function (list) {
        if (request !== cueRequest) { return; }  // another unit was chosen meanwhile
        cues = attach(list, scope);
        tick();
      }).catch(function () { cues = []; });
    }

    /* Pairs each cue with the heading or sentence of the page that it speaks,
       in order: a sentence by its exact text, a heading when the cue contains it
       ("Treatment option 2 of 5: Radiation therapy."). */
    function attach(list, scope) {
      var candidates = all("h1, h2, .sentence", scope);
      var at = 0;
      list.forEach(function (cue) {
        var text = normalise(cue.text);
        for (var i = at; i < candidates.length; i += 1) {
          var element = candidates[i], own = normalise(element.textContent);
          var isHeading = element.tagName !== "SPAN";
          if ((!isHeading && own === text) || (isHeading && own && text.indexOf(own) >= 0)) {
            cue.element = element;
            at = i + 1;
            element.classList.add("readable");
            break;
          }
        }
      });
      return list;
    }

    function cueAt(time) {
      var found = null;
      (cues || []).forEach(function (cue) { if (cue.start <= time + 0.05) { found = cue; } });
      return found;
    }

    function tick() {
      position.textContent = clock(audio.currentTime) + (isFinite(audio.duration) ? " / " + clock(audio.duration) : "");
      if (!audio.paused) { highlight(cueAt(audio.currentTime)); }
    }

    function highlight(cue) {
      if (current === cue) { return; }
      if (current && current.element) { current.element.classList.remove("speaking"); }
      current = cue;
      var element = cue && cue.element;
      if (!element) { return; }
      element.classList.add("speaking");
      var where = element.getBoundingClientRect();
      var outOfView = where.top < 0 || where.bottom > window.innerHeight - box.offsetHeight;
      if (outOfView && Date.now() - lastUserScroll > 4000) {
        element.scrollIntoView({ block: "center", behavior: reduceMotion.matches ? "auto" : "smooth" });
      }
    }

    function setRate(value) {
      rate = value;
      store.set("speed", value);
      audio.defaultPlaybackRate = audio.playbackRate = parseFloat(value);
      if (speed) { speed.value = value; }
      showSpeed();
      say("speed", { rate: new Intl.NumberFormat(root.lang).format(parseFloat(value)) });
    }

    function showSpeed() {  // the kiosk's speed stop shows and names the speed it is at
      if (!speedNow) { return; }
      var shown = new Intl.NumberFormat(root.lang).format(parseFloat(rate)) + "×";
      speedNow.textContent = shown;
      speedNow.parentNode.setAttribute("aria-label", speedLabel + ": " + shown);
    }

    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button) { act(button.getAttribute("data-action")); }
    });
    if (speed) {
      speed.value = rate;
      speed.addEventListener("change", function () { setRate(speed.value); });
    }
    listens.forEach(function (button) {
      button.addEventListener("click", function () { choose(button); });
    });
    // The player's keys, while one of its buttons or a Listen button has focus.
    document.addEventListener("keydown", function (event) {
      if (root.classList.contains("kiosk")) { return; }  // the kiosk's own keys apply there
      if (!event.target.closest || !event.target.closest(".player-controls, button.listen")) { return; }
      if (event.target.tagName === "SELECT" && (event.key === "ArrowUp" || event.key === "ArrowDown")) { return; }
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      var action = { ArrowLeft: "back", ArrowUp: "faster", ArrowDown: "slower", Escape: "stop" }[event.key];
      if (action) { event.preventDefault(); act(action); }
    });
    audio.addEventListener("play", function () {
      loadCues();
      showState(true);
      say("playing", { label: unit.title });
    });
    audio.addEventListener("pause", function () {
      showState(false);
      if (!audio.ended && audio.currentTime > 0) { say("paused"); }
    });
    audio.addEventListener("ended", function () { highlight(null); say("ended", { label: unit.title }); });
    audio.addEventListener("timeupdate", tick);
    audio.addEventListener("error", function () { if (audio.getAttribute("src")) { say("error"); } });

    /* Activating a sentence plays from there, in the unit that is playing, or
       else in its section's. Links inside sentences keep their meaning. */
    document.addEventListener("click", function (event) {
      if (event.target.closest("a, button, select, summary, .player")) { return; }
      var sentence = event.target.closest(".sentence, h2");
      var section = sentence && sentence.closest(".topic-section");
      if (!section) { return; }
      if (audio.paused || !unit.scope.contains(sentence)) {
        var button = section.querySelector("button.listen");
        if (!button) { return; }
        if (unit.source !== button) { load(button); }
      }
      loadCues();
      var wait = window.setInterval(function () {
        var cue = (cues || []).filter(function (c) { return c.element === sentence; })[0];
        if (cue) { window.clearInterval(wait); audio.currentTime = cue.start; play(); }
      }, 50);
      window.setTimeout(function () { window.clearInterval(wait); }, 5000);
    });

    function measure() { root.style.setProperty("--player-height", box.offsetHeight + "px"); }
    if (window.ResizeObserver) { new window.ResizeObserver(measure).observe(box); }
    measure();
    // The whole topic, by its own Listen button where the page has one.
    var whole = listens.filter(function (b) { return !b.closest(".topic-section, .glossary-entry"); })[0] || box;
    showSpeed();
    load(whole);
  }
}());
