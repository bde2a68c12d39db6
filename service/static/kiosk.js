/* carevoice kiosk: a self-voicing screen in the spirit of EZ Access.
   Arrow keys (or Tab) move, Enter chooses, H helps, Backspace goes back,
   Escape silences, R repeats, + and - change the volume. Speech begins only
   after the first key or touch, and the screen resets itself when left. */
(function () {
  "use strict";

  var root = document.documentElement;
  var idleSeconds = parseInt(root.getAttribute("data-idle-seconds"), 10) || 120;
  var warningSeconds = parseInt(root.getAttribute("data-warning-seconds"), 10) || 30;
  // The kiosk's own voice: an audio element of the page (hidden; it has no controls).
  var voice = document.createElement("audio");
  voice.className = "kiosk-voice";
  voice.hidden = true;
  document.body.appendChild(voice);
  var started = sessionStorage.getItem("carevoice.kioskStarted") === "yes";
  var volume = parseFloat(sessionStorage.getItem("carevoice.kioskVolume") || "1");
  var lastPrompt = null;
  var startPanel = document.querySelector("[data-start]");
  var idlePanel = document.querySelector(".kiosk-idle");
  var idleTimer = null, countdownTimer = null;

  voice.volume = volume;

  function items() {
    var scope = idlePanel && !idlePanel.hidden ? idlePanel : document;
    return Array.prototype.slice.call(scope.querySelectorAll("[data-prompt]")).filter(function (el) {
      return el.offsetParent !== null && !el.disabled && el !== idlePanel;
    });
  }

  function speak(url) {
    if (!started || !url) { return; }
    lastPrompt = url;
    stopPlayers();
    voice.pause();
    voice.src = url;
    voice.volume = volume;
    var played = voice.play();
    if (played && played.catch) { played.catch(function () { /* speech is an aid; the screen still works */ }); }
  }

  function stopPlayers() {
    Array.prototype.forEach.call(document.querySelectorAll(".player audio"), function (a) { a.pause(); });
  }

  function silence() { voice.pause(); stopPlayers(); }

  function move(step) {
    var list = items();
    if (!list.length) { return; }
    var index = list.indexOf(document.activeElement);
    var next = list[(index + step + list.length) % list.length];
    next.focus();
  }

  function firstItem() {
    return document.querySelector("main [data-prompt]") || items()[0];
  }

  // A screen may have something to say on arrival (a translation's review
  // state): it is said with the first stop's prompt, in place of it.
  var arrivalPrompt = (document.querySelector("[data-arrival-prompt]") || root).getAttribute("data-arrival-prompt");
  var quietFocus = false;

  function arrive() {
    var first = firstItem();
    if (!first) { return; }
    quietFocus = !!arrivalPrompt;
    first.focus();
    quietFocus = false;
    if (arrivalPrompt) { speak(arrivalPrompt); }
  }

  function start() {
    if (started) { return; }
    started = true;
    sessionStorage.setItem("carevoice.kioskStarted", "yes");
    if (startPanel) { startPanel.hidden = true; }
    arrive();
  }

  function setVolume(step) {
    volume = Math.max(0.1, Math.min(1, Math.round((volume + step * 0.2) * 10) / 10));
    sessionStorage.setItem("carevoice.kioskVolume", String(volume));
    voice.volume = volume;
    Array.prototype.forEach.call(document.querySelectorAll("audio"), function (a) { a.volume = volume; });
  }

  function help() { speak(root.getAttribute("data-help-prompt")); }

  /* ---- between patients ---------------------------------------------- */
  function resetKiosk() {
    silence();
    try { window.localStorage.clear(); } catch (e) { /* nothing stored */ }
    try { window.sessionStorage.clear(); } catch (e) { /* nothing stored */ }
    window.location.replace(root.getAttribute("data-home"));
  }

  function warn() {
    if (!idlePanel) { resetKiosk(); return; }
    var remaining = warningSeconds;
    idlePanel.hidden = false;
    var countdown = idlePanel.querySelector(".countdown");
    countdown.textContent = String(remaining);
    idlePanel.querySelector("[data-continue]").focus();
    speak(idlePanel.getAttribute("data-prompt"));
    countdownTimer = window.setInterval(function () {
      remaining -= 1;
      countdown.textContent = String(Math.max(0, remaining));
      if (remaining <= 0) { window.clearInterval(countdownTimer); resetKiosk(); }
    }, 1000);
  }

  function stillHere() {
    window.clearTimeout(idleTimer);
    if (countdownTimer) {
      window.clearInterval(countdownTimer);
      countdownTimer = null;
      idlePanel.hidden = true;
      voice.pause();
    }
    // Someone listening to a topic is there even without touching anything.
    idleTimer = window.setTimeout(function check() {
      var listening = Array.prototype.some.call(document.querySelectorAll(".player audio"),
        function (a) { return !a.paused; });
      if (listening) { idleTimer = window.setTimeout(check, idleSeconds * 1000); } else { warn(); }
    }, idleSeconds * 1000);
  }

  /* ---- keys and touch -------------------------------------------------- */
  document.addEventListener("keydown", function (event) {
    var wasWarning = !!countdownTimer;
    stillHere();
    if (wasWarning) { event.preventDefault(); return; }  // one key continues, and does nothing else
    if (!started) { event.preventDefault(); start(); return; }
    var key = event.key;
    // Left and right follow the reading direction: in Arabic or Persian the
    // next item is to the left.
    var forward = root.dir === "rtl" ? "ArrowLeft" : "ArrowRight";
    var backward = root.dir === "rtl" ? "ArrowRight" : "ArrowLeft";
    if (key === "ArrowDown" || key === forward) { event.preventDefault(); move(1); }
    else if (key === "ArrowUp" || key === backward) {
      if (event.target.tagName === "SELECT") { return; }
      event.preventDefault(); move(-1);
    }
    else if (key === "h" || key === "H" || key === "?" || key === "F1") { event.preventDefault(); help(); }
    else if (key === "Escape") { event.preventDefault(); silence(); }
    else if (key === "r" || key === "R") { event.preventDefault(); speak(lastPrompt); }
    else if (key === "+" || key === "=") { event.preventDefault(); setVolume(1); }
    else if (key === "-" || key === "_") { event.preventDefault(); setVolume(-1); }
    else if (key === "Backspace") {
      event.preventDefault();
      var back = document.querySelector("[data-back]") || document.querySelector(".kiosk-home");
      if (back) { back.click(); }
    }
  }, true);

  ["pointerdown", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function () {
      var wasWarning = !!countdownTimer;
      stillHere();
      if (!wasWarning) { start(); }
    }, { passive: true });
  });

  document.addEventListener("focusin", function (event) {
    var prompt = event.target.getAttribute && event.target.getAttribute("data-prompt");
    if (prompt && !quietFocus) { speak(prompt); }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) { return; }
    if (target.hasAttribute("data-help")) { help(); }
    if (target.hasAttribute("data-volume")) { setVolume(parseInt(target.getAttribute("data-volume"), 10)); }
    if (target.hasAttribute("data-continue")) { stillHere(); }
  });

  // A player starting silences the prompt, and a prompt silences the players.
  Array.prototype.forEach.call(document.querySelectorAll(".player audio"), function (a) {
    a.volume = volume;
    a.addEventListener("play", function () { voice.pause(); });
  });

  if (!started && startPanel) { startPanel.hidden = false; }
  if (started) { arrive(); }
  stillHere();
}());
