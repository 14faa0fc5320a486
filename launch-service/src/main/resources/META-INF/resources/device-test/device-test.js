// The device-test page: browser, camera, microphone and speaker checks, then one report of the outcomes.
// Privacy: nothing but the four outcomes (and the appointment id the link carried) leaves the browser. Device names,
// labels and ids are fingerprinting data: this script never lists devices and never reads a track's label.
'use strict';

(function () {
  // Teams on the web supports current Edge, Chrome, Firefox and Safari; older versions are refused by Teams itself.
  const MINIMUM_VERSIONS = [
    { name: 'Microsoft Edge', pattern: /\bEdg(?:e|A|iOS)?\/(\d+)/, minimum: 120 },
    { name: 'Firefox', pattern: /\b(?:Firefox|FxiOS)\/(\d+)/, minimum: 115 },
    { name: 'Chrome', pattern: /\b(?:Chrome|Chromium|HeadlessChrome|CriOS)\/(\d+)/, minimum: 120 },
    { name: 'Safari', pattern: /\bVersion\/(\d+)\S* (?:Mobile\/\S+ )?Safari\//, minimum: 16 },
  ];
  const CAMERA_TIMEOUT_MS = 5000;
  const MICROPHONE_TIMEOUT_MS = 15000;
  // About -34 dBFS: speech near the microphone is well above it, a quiet room well below.
  const MICROPHONE_THRESHOLD_RMS = 0.02;
  const TONE_SECONDS = 2;

  const results = { camera: null, microphone: null, speaker: null, browser: null };
  let reported = false;
  let cameraStream = null;
  let stopMicrophone = () => {};

  const $ = (id) => document.getElementById(id);

  /** Shows the outcome blocks of {@code container} whose data-when is {@code state}, hides the others. */
  function show(container, state) {
    container.dataset.state = state;
    for (const block of container.querySelectorAll('[data-when]')) {
      block.hidden = block.dataset.when !== state;
    }
  }

  function showCheck(check, state) {
    show($(check).querySelector('.outcomes'), state);
  }

  /** Records a check's outcome ({@code display} names the text shown when it differs from the outcome). */
  function settle(check, result, display) {
    results[check] = result;
    $(check).dataset.result = result;
    showCheck(check, display || result);
    if (Object.values(results).every((value) => value !== null)) {
      finish();
    }
  }

  function finish() {
    const ready = results.browser === 'SUPPORTED'
      && ['camera', 'microphone', 'speaker'].every((check) => results[check] === 'PASSED');
    show($('summary').querySelector('.outcomes'), ready ? 'READY' : 'ATTENTION');
    if (!reported) {
      reported = true;
      stopCamera();
      report();
    }
  }

  function report() {
    const body = Object.assign({}, results);
    const appointment = new URLSearchParams(window.location.search).get('appointment');
    if (appointment) {
      body.appointmentId = appointment;
    }
    const url = window.location.pathname.replace(/\/+$/, '') + '/report';
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    }).then((response) => show($('report'), response.ok ? 'SENT' : 'NOT_SENT'),
      () => show($('report'), 'NOT_SENT'));
  }

  /** The outcome a failed getUserMedia call stands for. */
  function mediaFailure(error) {
    switch (error && error.name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return 'PERMISSION_DENIED';
      case 'NotFoundError':
      case 'OverconstrainedError':
        return 'NOT_FOUND';
      default:
        return 'FAILED';
    }
  }

  function mediaAvailable() {
    return Boolean(navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function');
  }

  // ---- browser ---------------------------------------------------------------------------------------------------

  function browserOf(userAgent) {
    const ios = /\b(?:iPhone|iPad|iPod)\b.* OS (\d+)_/.exec(userAgent);
    if (ios) {
      // Every browser on iOS and iPadOS is Safari's engine, as new as the system.
      return { name: 'Safari on iOS ' + ios[1], supported: Number(ios[1]) >= 16 };
    }
    for (const browser of MINIMUM_VERSIONS) {
      const match = browser.pattern.exec(userAgent);
      if (match) {
        return { name: browser.name + ' ' + match[1], supported: Number(match[1]) >= browser.minimum };
      }
    }
    return { name: 'unknown browser', supported: false };
  }

  function checkBrowser() {
    const browser = browserOf(navigator.userAgent);
    const problems = [];
    if (!window.isSecureContext) {
      problems.push('insecure');
    }
    if (!mediaAvailable()) {
      problems.push('media');
    }
    if (typeof window.RTCPeerConnection !== 'function') {
      problems.push('webrtc');
    }
    if (!browser.supported) {
      problems.push('version');
    }
    for (const name of $('browser').querySelectorAll('.browser-name')) {
      name.textContent = browser.name;
    }
    const list = $('browser').querySelector('.problems');
    const texts = $('problem-texts').content;
    for (const problem of problems) {
      list.appendChild(texts.querySelector('[data-problem="' + problem + '"]').cloneNode(true));
    }
    settle('browser', problems.length === 0 ? 'SUPPORTED' : 'UNSUPPORTED');
  }

  // ---- camera ----------------------------------------------------------------------------------------------------

  function stopCamera() {
    if (cameraStream) {
      cameraStream.getTracks().forEach((track) => track.stop());
      cameraStream = null;
      $('camera-preview').srcObject = null;
    }
  }

  async function testCamera() {
    if (!mediaAvailable()) {
      settle('camera', 'NOT_TESTED', 'UNAVAILABLE');
      return;
    }
    stopCamera();
    showCheck('camera', 'WAITING');
    const video = $('camera-preview');
    try {
      cameraStream = await navigator.mediaDevices.getUserMedia({ video: true });
      video.srcObject = cameraStream;
      await video.play();
      settle('camera', await pictureShown(video) ? 'PASSED' : 'FAILED');
    } catch (error) {
      stopCamera();
      settle('camera', mediaFailure(error));
    }
  }

  /** Resolves true once the video has a picture (a size), false if none arrives in time. */
  function pictureShown(video) {
    return new Promise((resolve) => {
      const started = Date.now();
      (function poll() {
        if (video.videoWidth > 0) {
          resolve(true);
        } else if (Date.now() - started > CAMERA_TIMEOUT_MS) {
          resolve(false);
        } else {
          setTimeout(poll, 100);
        }
      })();
    });
  }

  // ---- microphone ------------------------------------------------------------------------------------------------

  function newAudioContext() {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    return AudioContext ? new AudioContext() : null;
  }

  /** Root mean square of the current samples, 0 (silence) to 1 (full scale). */
  function rms(analyser, samples) {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) {
      sum += sample * sample;
    }
    return Math.sqrt(sum / samples.length);
  }

  /** The level on a 0..100 scale spanning -60..0 dBFS, which is how loud things sound. */
  function meterLevel(value) {
    const decibels = 20 * Math.log10(Math.max(value, 1e-6));
    return Math.max(0, Math.min(100, (decibels + 60) / 60 * 100));
  }

  async function testMicrophone() {
    stopMicrophone();
    const context = mediaAvailable() ? newAudioContext() : null;
    if (!context) {
      settle('microphone', 'NOT_TESTED', 'UNAVAILABLE');
      return;
    }
    showCheck('microphone', 'WAITING');
    let stream;
    try {
      // Unprocessed sound: noise suppression could hide a steady sound, and the question is only whether any arrives.
      stream = await navigator.mediaDevices.getUserMedia(
        { audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    } catch (error) {
      context.close();
      settle('microphone', mediaFailure(error));
      return;
    }
    showCheck('microphone', 'LISTENING');
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(stream).connect(analyser);
    await context.resume();
    const samples = new Float32Array(analyser.fftSize);
    const meter = $('microphone-level');
    const started = Date.now();
    const timer = setInterval(() => {
      const level = rms(analyser, samples);
      meter.value = meterLevel(level);
      if (level > MICROPHONE_THRESHOLD_RMS) {
        stopMicrophone();
        settle('microphone', 'PASSED');
      } else if (Date.now() - started > MICROPHONE_TIMEOUT_MS) {
        stopMicrophone();
        settle('microphone', 'FAILED');
      }
    }, 50);
    stopMicrophone = () => {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
      context.close();
      stopMicrophone = () => {};
    };
  }

  // ---- speaker ---------------------------------------------------------------------------------------------------

  function playTone() {
    const context = newAudioContext();
    if (!context) {
      settle('speaker', 'NOT_TESTED', 'UNAVAILABLE');
      return;
    }
    showCheck('speaker', 'PLAYING');
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 440;
    // Fading in and out avoids the clicks of a sound that starts or stops abruptly.
    const now = context.currentTime;
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime(0.3, now + 0.1);
    gain.gain.setValueAtTime(0.3, now + TONE_SECONDS - 0.1);
    gain.gain.linearRampToValueAtTime(0, now + TONE_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.onended = () => {
      context.close();
      $('speaker-question').hidden = false;
      $('speaker-heard').focus();
    };
    oscillator.start(now);
    oscillator.stop(now + TONE_SECONDS);
  }

  function answerSpeaker(result) {
    $('speaker-question').hidden = true;
    settle('speaker', result);
  }

  // ---- wiring ----------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('camera-start').addEventListener('click', testCamera);
    $('microphone-start').addEventListener('click', testMicrophone);
    $('speaker-play').addEventListener('click', playTone);
    $('speaker-heard').addEventListener('click', () => answerSpeaker('PASSED'));
    $('speaker-not-heard').addEventListener('click', () => answerSpeaker('FAILED'));
    const skips = {
      camera: () => {
        stopCamera();
        settle('camera', 'NOT_TESTED');
      },
      microphone: () => {
        stopMicrophone();
        settle('microphone', 'NOT_TESTED');
      },
      speaker: () => answerSpeaker('NOT_TESTED'),
    };
    for (const skip of document.querySelectorAll('button.skip')) {
      skip.addEventListener('click', skips[skip.dataset.check]);
    }
    window.addEventListener('pagehide', () => {
      stopCamera();
      stopMicrophone();
    });
    checkBrowser();
  });
}());
