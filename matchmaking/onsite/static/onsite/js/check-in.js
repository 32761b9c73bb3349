// The check-in desk's camera scanner. The browser's own BarcodeDetector when it reads
// QR codes, otherwise the vendored jsQR (../vendor/jsQR.js). A read code fills the form
// and sends it; the page works without this file (type or paste the code, or search).
(function () {
  "use strict";

  var KEEP_SCANNING = "onsite-keep-scanning";
  var LAST_CODE = "onsite-last-code";
  // The badge just scanned is often still in front of the camera when the page comes
  // back: the same code is ignored for a few seconds instead of being sent again.
  var SAME_CODE_PAUSE_MS = 5000;

  function recentlySent(text) {
    var last = JSON.parse(window.sessionStorage.getItem(LAST_CODE) || "null");
    return last && last.text === text && Date.now() - last.at < SAME_CODE_PAUSE_MS;
  }

  function detectorFor(canvas) {
    if ("BarcodeDetector" in window) {
      var native = new window.BarcodeDetector({ formats: ["qr_code"] });
      return function (video) {
        return native.detect(video).then(function (codes) {
          return codes.length ? codes[0].rawValue : null;
        });
      };
    }
    if (typeof window.jsQR !== "function") return null;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    return function (video) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height,
                              { inversionAttempts: "dontInvert" });
      return Promise.resolve(found ? found.data : null);
    };
  }

  function setUp(root) {
    var video = root.querySelector("[data-scanner-video]");
    var canvas = root.querySelector("[data-scanner-canvas]");
    var status = root.querySelector("[data-scanner-status]");
    var form = root.querySelector("[data-scanner-form]");
    var start = root.querySelector("[data-scanner-start]");
    var stop = root.querySelector("[data-scanner-stop]");
    var input = form.querySelector("input[name=code]");
    var detect = detectorFor(canvas);
    var stream = null;
    if (!detect || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    start.hidden = false;

    function halt() {
      if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
      video.hidden = true;
      stop.hidden = true;
      start.hidden = false;
    }

    function tick() {
      if (!stream) return;
      if (video.readyState < 2) { window.requestAnimationFrame(tick); return; }
      detect(video).then(function (text) {
        if (!text || recentlySent(text)) { window.setTimeout(tick, 120); return; }
        window.sessionStorage.setItem(LAST_CODE, JSON.stringify({ text: text, at: Date.now() }));
        halt();
        input.value = text;
        status.textContent = root.dataset.readMessage || "";
        form.requestSubmit();
      }).catch(function () { window.setTimeout(tick, 250); });
    }

    function begin() {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          video.hidden = false;
          start.hidden = true;
          stop.hidden = false;
          window.sessionStorage.setItem(KEEP_SCANNING, "1");
          return video.play();
        })
        .then(tick)
        .catch(function () {
          halt();
          window.sessionStorage.removeItem(KEEP_SCANNING);
          status.textContent = root.dataset.cameraMessage || "";
        });
    }

    start.addEventListener("click", begin);
    stop.addEventListener("click", function () {
      window.sessionStorage.removeItem(KEEP_SCANNING);
      halt();
    });
    // After a scan the page reloads with its answer; a desk that was scanning goes on.
    if (window.sessionStorage.getItem(KEEP_SCANNING)) begin();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-scanner]").forEach(setUp);
  });
})();
