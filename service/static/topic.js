/* carevoice topic page: reading aids and the enhanced audio player.
   Progressive enhancement: without this file the page has native players,
   links to MP3 and transcripts, and every word of the text. */
(function () {
  "use strict";

  var root = document.documentElement;
  var store = {
    get: function (key) { try { return window.localStorage.getItem("carevoice." + key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem("carevoice." + key, value); } catch (e) { /* private mode */ } }
  };
  var status = document.querySelector(".status");
  var messages = status ? JSON.parse(status.getAttribute("data-messages") || "{}") : {};

  function say(key, values) {
    if (!status || !messages[key]) { return; }
    var text = messages[key].replace(/%\((\w+)\)s/g, function (_, name) { return (values || {})[name]; });
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);  // re-announce repeats
  }

  /* ---- reading aids ---------------------------------------------------- */
  var SCALES = [1, 1.25, 1.5, 1.75, 2];
  var aids = document.querySelector(".reading-aids");
  var scale = Math.min(Math.max(parseFloat(store.get("textScale")) || 1, 1), 2);

  function applyScale(announce) {
    root.style.setProperty("--font-scale", String(scale));
    store.set("textScale", String(scale));
    if (announce) {
      say("textSize", { percent: new Intl.NumberFormat(root.lang, { style: "percent" }).format(scale) });
    }
  }
  function applyContrast(on) {
    root.classList.toggle("high-contrast", on);
    store.set("contrast", on ? "on" : "off");
    var button = aids && aids.querySelector("[data-aid=contrast]");
    if (button) { button.setAttribute("aria-pressed", String(on)); }
  }
  applyScale(false);
  applyContrast(store.get("contrast") === "on");
  if (aids) {
    aids.hidden = false;
    aids.addEventListener("click", function (event) {
      var aid = event.target.closest("button") && event.target.closest("button").getAttribute("data-aid");
      if (aid === "larger" || aid === "smaller") {
        var index = SCALES.indexOf(scale);
        index = Math.max(0, Math.min(SCALES.length - 1, (index < 0 ? 0 : index) + (aid === "larger" ? 1 : -1)));
        scale = SCALES[index];
        applyScale(true);
      } else if (aid === "contrast") {
        applyContrast(!root.classList.contains("high-contrast"));
      }
    });
  }

  /* ---- players ----------------------------------------------------------- */
  var figures = Array.prototype.slice.call(document.querySelectorAll("figure.audio-player"));
  if (!figures.length) { return; }
  var shortcuts = document.querySelector("details.shortcuts");
  if (shortcuts) { shortcuts.hidden = false; }
  var RATES = ["0.75", "1", "1.25", "1.5", "1.75", "2"];
  var rate = RATES.indexOf(store.get("speed")) >= 0 ? store.get("speed") : "1";
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var lastUserScroll = 0;
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

  function Player(figure) {
    this.figure = figure;
    this.audio = figure.querySelector("audio");
    this.controls = figure.querySelector(".player-controls");
    this.label = figure.getAttribute("data-name");
    this.scope = figure.getAttribute("data-kind") === "topic" ? figure.closest("article") : figure.closest("section");
    this.cues = null;
    this.current = null;
    this.audio.removeAttribute("controls");
    this.audio.playbackRate = parseFloat(rate);
    this.controls.hidden = false;
    this.controls.querySelector("select").value = rate;
    this.bind();
  }

  Player.prototype.bind = function () {
    var self = this, audio = this.audio;
    this.controls.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button) { self.act(button.getAttribute("data-action"), button); }
    });
    this.controls.querySelector("select").addEventListener("change", function (event) { setRate(event.target.value); });
    this.controls.addEventListener("keydown", function (event) {
      if (root.classList.contains("kiosk")) { return; }  // the kiosk's own keys apply there
      if (event.target.tagName === "SELECT" && (event.key === "ArrowUp" || event.key === "ArrowDown")) { return; }
      var action = { ArrowLeft: "back", ArrowUp: "faster", ArrowDown: "slower", Escape: "stop" }[event.key];
      if (action) { event.preventDefault(); self.act(action); }
    });
    audio.addEventListener("play", function () {
      players.forEach(function (other) { if (other !== self) { other.audio.pause(); } });
      self.loadCues();
      self.showState(true);
      say("playing", { label: self.label });
    });
    audio.addEventListener("pause", function () {
      self.showState(false);
      if (!audio.ended && audio.currentTime > 0) { say("paused"); }
    });
    audio.addEventListener("ended", function () { self.highlight(null); say("ended", { label: self.label }); });
    audio.addEventListener("timeupdate", function () { self.tick(); });
    audio.addEventListener("error", function () { say("error"); }, true);
  };

  Player.prototype.act = function (action, button) {
    var audio = this.audio;
    if (action === "toggle") {
      if (audio.paused) { this.play(); } else { audio.pause(); }
    } else if (action === "back") {
      audio.currentTime = Math.max(0, audio.currentTime - 10);
    } else if (action === "repeat") {
      var cue = this.cueAt(audio.currentTime);
      audio.currentTime = cue ? cue.start : 0;
      if (audio.paused) { this.play(); }
    } else if (action === "previous" || action === "next") {
      var sections = players.filter(function (p) { return p.figure.getAttribute("data-kind") === "section"; });
      var target = sections[sections.indexOf(this) + (action === "next" ? 1 : -1)];
      if (target) {
        audio.pause();
        target.audio.currentTime = 0;
        target.play();
        var same = target.controls.querySelector("[data-action=" + action + "]") || target.controls.querySelector("button");
        same.focus();
      }
    } else if (action === "stop") {
      audio.pause();
      audio.currentTime = 0;
      this.highlight(null);
      say("stopped");
    } else if (action === "faster" || action === "slower") {
      var index = RATES.indexOf(rate) + (action === "faster" ? 1 : -1);
      setRate(RATES[Math.max(0, Math.min(RATES.length - 1, index))]);
    }
  };

  Player.prototype.play = function () {
    var played = this.audio.play();
    if (played && played.catch) { played.catch(function () { say("error"); }); }
  };

  Player.prototype.showState = function (playing) {
    var toggle = this.controls.querySelector("[data-action=toggle]");
    var label = toggle.querySelector(".label");
    toggle.setAttribute("aria-pressed", String(playing));
    label.textContent = label.getAttribute(playing ? "data-pause" : "data-play");
    toggle.querySelector(".icon").textContent = playing ? "❚❚" : "▶";
  };

  Player.prototype.loadCues = function () {
    var self = this;
    if (this.cues) { return; }
    this.cues = [];
    fetch(this.figure.getAttribute("data-timings")).then(function (response) {
      return response.ok ? response.json() : [];
    }).then(function (cues) {
      self.cues = self.attach(cues);
      self.tick();
    }).catch(function () { self.cues = []; });
  };

  /* Pairs each cue with the heading or sentence of the page that it speaks,
     in order: a sentence by its exact text, a heading when the cue contains it
     ("Treatment option 2 of 5: Radiation therapy."). */
  Player.prototype.attach = function (cues) {
    var candidates = Array.prototype.slice.call(this.scope.querySelectorAll("h1, h2, .sentence"));
    var position = 0;
    cues.forEach(function (cue) {
      var text = normalise(cue.text);
      for (var i = position; i < candidates.length; i += 1) {
        var element = candidates[i], own = normalise(element.textContent);
        var isHeading = element.tagName !== "SPAN";
        if ((!isHeading && own === text) || (isHeading && own && text.indexOf(own) >= 0)) {
          cue.element = element;
          position = i + 1;
          break;
        }
      }
      if (cue.element) {
        cue.element.classList.add("readable");
        cue.element.setAttribute("data-player", this.figure.id);
      }
    }, this);
    return cues;
  };

  Player.prototype.cueAt = function (time) {
    var found = null;
    (this.cues || []).forEach(function (cue) { if (cue.start <= time + 0.05) { found = cue; } });
    return found;
  };

  Player.prototype.tick = function () {
    var audio = this.audio;
    this.controls.querySelector(".position").textContent =
      clock(audio.currentTime) + (isFinite(audio.duration) ? " / " + clock(audio.duration) : "");
    if (!audio.paused) { this.highlight(this.cueAt(audio.currentTime)); }
  };

  Player.prototype.highlight = function (cue) {
    if (this.current === cue) { return; }
    if (this.current && this.current.element) { this.current.element.classList.remove("speaking"); }
    this.current = cue;
    var element = cue && cue.element;
    if (!element) { return; }
    element.classList.add("speaking");
    var box = element.getBoundingClientRect();
    var outOfView = box.top < 0 || box.bottom > window.innerHeight;
    if (outOfView && Date.now() - lastUserScroll > 4000) {
      element.scrollIntoView({ block: "center", behavior: reduceMotion.matches ? "auto" : "smooth" });
    }
  };

  Player.prototype.playFrom = function (element) {
    var cue = (this.cues || []).filter(function (c) { return c.element === element; })[0];
    if (cue) { this.audio.currentTime = cue.start; this.play(); }
  };

  function setRate(value) {
    rate = value;
    store.set("speed", value);
    players.forEach(function (player) {
      player.audio.playbackRate = parseFloat(value);
      player.controls.querySelector("select").value = value;
    });
    say("speed", { rate: new Intl.NumberFormat(root.lang).format(parseFloat(value)) });
  }

  var players = figures.map(function (figure) { return new Player(figure); });

  /* Activating a sentence plays from there, in the player that is playing, or
     else in its section's player. Links inside sentences keep their meaning. */
  document.addEventListener("click", function (event) {
    if (event.target.closest("a, button, select")) { return; }
    var sentence = event.target.closest(".sentence, h2");
    if (!sentence) { return; }
    var playing = players.filter(function (p) { return !p.audio.paused; })[0];
    var section = sentence.closest("section");
    var owner = playing && playing.scope.contains(sentence) ? playing
      : players.filter(function (p) { return p.scope === section; })[0];
    if (!owner) { return; }
    if (owner.cues && owner.cues.length) { owner.playFrom(sentence); return; }
    owner.loadCues();
    var wait = window.setInterval(function () {
      if (owner.cues && owner.cues.length) { window.clearInterval(wait); owner.playFrom(sentence); }
    }, 50);
    window.setTimeout(function () { window.clearInterval(wait); }, 5000);
  });
}());
