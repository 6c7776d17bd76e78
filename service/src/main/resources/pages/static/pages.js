// The pages' enhancements, loaded as a module: no inline script anywhere (the Content-Security-Policy forbids it).

// The desk's scan field: focused at every answer, emptied for the next scan, and a lost connection said in words.
const scan = document.getElementById('scan');
if (scan) {
  const field = document.getElementById('code');
  const answer = document.getElementById('reponse');
  // Enter on an empty field (a second press, a scanner's stray Enter) changes nothing and keeps the last answer
  scan.addEventListener('submit', (event) => {
    if (!field.value.trim()) {
      event.preventDefault();
      event.stopImmediatePropagation();
      field.focus();
    }
  }, true);
  const ready = () => {
    field.value = '';
    field.focus();
  };
  scan.addEventListener('htmx:afterRequest', (event) => {
    if (event.detail.failed && !event.detail.xhr.status) {
      return;
    }
    ready();
  });
  // a 404 (not found) still carries its answer to show
  document.body.addEventListener('htmx:beforeSwap', (event) => {
    if (event.detail.xhr.status === 404) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  const lost = () => {
    answer.innerHTML = '';
    const box = document.createElement('div');
    box.className = 'fr-alert fr-alert--error fr-alert--sm lending-answer';
    box.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = 'Connexion au service perdue : rien n\'a été enregistré. Vérifiez le réseau puis scannez à nouveau.';
    box.appendChild(text);
    answer.appendChild(box);
    field.focus();
  };
  scan.addEventListener('htmx:sendError', lost);
  scan.addEventListener('htmx:timeout', lost);
}

// The camera as a scanner: the browser's BarcodeDetector where it has one, ZXing's JavaScript port otherwise,
// loaded only now. What it reads goes into the scan field, as a scanner would type it. Browsers give the
// camera only to a page served over HTTPS or from localhost.
const cameraButton = document.getElementById('camera-bouton');
if (scan && cameraButton && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
  const field = document.getElementById('code');
  const answer = document.getElementById('reponse');
  const video = document.getElementById('camera');
  let stop = null;
  cameraButton.hidden = false;
  const say = (text, error) => {
    answer.innerHTML = '';
    const box = document.createElement('div');
    box.className = 'fr-alert fr-alert--sm lending-answer ' + (error ? 'fr-alert--error' : 'fr-alert--info');
    if (error) {
      box.setAttribute('role', 'alert');
    }
    const line = document.createElement('p');
    line.textContent = text;
    box.appendChild(line);
    answer.appendChild(box);
  };
  const read = (text) => {
    stopCamera();
    field.value = text;
    scan.requestSubmit();
  };
  const stopCamera = () => {
    if (stop) {
      stop();
      stop = null;
    }
    video.hidden = true;
    cameraButton.textContent = 'Scanner avec la caméra';
    field.focus();
  };
  const loadZxing = () => new Promise((resolve, reject) => {
    if (window.ZXingBrowser) {
      resolve(window.ZXingBrowser);
      return;
    }
    const script = document.createElement('script');
    script.src = cameraButton.dataset.zxing;
    script.onload = () => resolve(window.ZXingBrowser);
    script.onerror = reject;
    document.head.appendChild(script);
  });
  const withDetector = async (stream) => {
    const detector = new window.BarcodeDetector({formats: ['qr_code']});
    video.srcObject = stream;
    await video.play();
    let running = true;
    stop = () => {
      running = false;
      stream.getTracks().forEach((track) => track.stop());
      video.srcObject = null;
    };
    const look = async () => {
      if (!running) {
        return;
      }
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) {
        read(codes[0].rawValue);
      } else {
        setTimeout(look, 150);
      }
    };
    look();
  };
  const withZxing = async () => {
    const zxing = await loadZxing();
    const reader = new zxing.BrowserQRCodeReader();
    const controls = await reader.decodeFromVideoDevice(undefined, video, (result) => {
      if (result) {
        read(result.getText());
      }
    });
    stop = () => controls.stop();
  };
  cameraButton.addEventListener('click', async () => {
    if (stop) {
      stopCamera();
      return;
    }
    video.hidden = false;
    cameraButton.textContent = 'Arrêter la caméra';
    say('Caméra ouverte : présentez le QR code de l\'étiquette devant l\'objectif.', false);
    try {
      const detects = 'BarcodeDetector' in window
          && (await window.BarcodeDetector.getSupportedFormats()).includes('qr_code');
      if (detects) {
        await withDetector(await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}}));
      } else {
        await withZxing();
      }
    } catch (e) {
      stopCamera();
      say('La caméra n\'est pas disponible (' + (e && e.name ? e.name : 'erreur') + ') : autorisez-la, et ouvrez le '
          + 'service par une adresse en HTTPS ; le champ « Scanner une étiquette » fonctionne toujours.', true);
    }
  });
}

// Signing on screen: offered only where this script runs (the canvas needs it). The strokes go into the form
// as a PNG after each one, so the form posts what the guardian drew; a person who cannot draw signs on paper.
const pad = document.getElementById('signature-dessin');
if (pad) {
  const choice = document.getElementById('mode-ecran-choix');
  const onScreen = document.getElementById('mode-ecran');
  const zone = document.getElementById('zone-signature');
  const drawing = document.getElementById('signature_dessinee');
  const pen = pad.getContext('2d');
  let drawn = false;
  let last = null;
  choice.hidden = false;
  const showPad = () => {
    zone.hidden = !onScreen.checked;
  };
  document.querySelectorAll('input[name=mode]').forEach((radio) => radio.addEventListener('change', showPad));
  showPad();
  const clear = () => {
    pen.fillStyle = '#fff';
    pen.fillRect(0, 0, pad.width, pad.height);
    drawn = false;
    drawing.value = '';
  };
  clear();
  pen.lineWidth = 3;
  pen.lineCap = 'round';
  pen.lineJoin = 'round';
  pen.strokeStyle = '#161616';
  // the canvas keeps its 600 × 200 drawing whatever its width on the screen
  const at = (event) => {
    const box = pad.getBoundingClientRect();
    return {x: (event.clientX - box.left) * pad.width / box.width, y: (event.clientY - box.top) * pad.height / box.height};
  };
  pad.addEventListener('pointerdown', (event) => {
    pad.setPointerCapture(event.pointerId);
    last = at(event);
    pen.beginPath();
    pen.arc(last.x, last.y, pen.lineWidth / 2, 0, Math.PI * 2);
    pen.fillStyle = pen.strokeStyle;
    pen.fill();
  });
  pad.addEventListener('pointermove', (event) => {
    if (!last) {
      return;
    }
    const point = at(event);
    pen.beginPath();
    pen.moveTo(last.x, last.y);
    pen.lineTo(point.x, point.y);
    pen.stroke();
    last = point;
    drawn = true;
  });
  const lift = () => {
    if (last && drawn) {
      drawing.value = pad.toDataURL('image/png');
    }
    last = null;
  };
  pad.addEventListener('pointerup', lift);
  pad.addEventListener('pointercancel', lift);
  document.getElementById('signature-effacer').addEventListener('click', clear);
}

// The pool page: the answer to a form shows in that form's section, and the page opens on that section with the
// focus where the next step is (the next serial to scan, the field refused) instead of scrolled to the field alone.
const nearAnswer = document.querySelector('[id^="reponse-"] .lending-answer');
if (nearAnswer) {
  const next = document.querySelector('[autofocus]');
  if (next) {
    // focused before the browser's own autofocus, which would scroll the field to the middle of the window
    next.focus({preventScroll: true});
  }
  nearAnswer.closest('section').scrollIntoView({block: 'start'});
}

// The pool page's delivery: a file larger than the service takes is said at once, rather than sent for nothing.
const deliveryForm = document.getElementById('livraison-form');
if (deliveryForm) {
  const file = document.getElementById('livraison');
  deliveryForm.addEventListener('submit', (event) => {
    const chosen = file.files && file.files[0];
    if (!chosen || chosen.size <= Number(file.dataset.maxBytes)) {
      return;
    }
    event.preventDefault();
    const region = document.getElementById('reponse-livraison');
    region.innerHTML = '';
    const box = document.createElement('div');
    box.className = 'fr-alert fr-alert--error fr-alert--sm lending-answer';
    box.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = 'Livraison refusée, rien n\'a été envoyé : le fichier « ' + chosen.name + ' » dépasse '
        + file.dataset.maxSize + '. Découpez-le en plusieurs livraisons.';
    box.appendChild(text);
    region.appendChild(box);
    file.focus();
  });
}

// The territory's map: the commune under the pointer or the keyboard's focus says its figure in words, for
// those who cannot read a shade (the table below holds the same figures).
const map = document.getElementById('carte');
if (map) {
  const info = document.getElementById('carte-info');
  const say = (event) => {
    if (event.target.dataset && event.target.dataset.insee) {
      info.textContent = event.target.getAttribute('aria-label');
    }
  };
  map.addEventListener('focusin', say);
  map.addEventListener('mouseover', say);
}

// A long import: the file's sending shown as a progress bar, then "import en cours" until the service
// answers, whose page takes the place of this one's content. Delegated, so the form of the answer works too.
document.addEventListener('submit', (event) => {
  const form = event.target.closest('form[data-progres]');
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  event.preventDefault();
  const box = form.querySelector('.lending-progress');
  const bar = box.querySelector('progress');
  const said = box.querySelector('[data-progres-texte]');
  box.hidden = false;
  bar.value = 0;
  said.textContent = 'Envoi du fichier…';
  form.querySelector('button[type=submit]').disabled = true;
  const request = new XMLHttpRequest();
  request.open('POST', form.action);
  request.upload.addEventListener('progress', (sent) => {
    if (sent.lengthComputable) {
      bar.value = Math.round(100 * sent.loaded / sent.total);
      said.textContent = 'Envoi du fichier : ' + bar.value + ' %';
    }
  });
  request.upload.addEventListener('load', () => {
    bar.removeAttribute('value');
    said.textContent = 'Fichier envoyé : import en cours, ne fermez pas la page.';
  });
  request.addEventListener('load', () => {
    const answer = new DOMParser().parseFromString(request.responseText, 'text/html').querySelector('main');
    if (answer) {
      document.querySelector('main').replaceWith(answer);
      answer.focus();
      return;
    }
    // not a page: the API's error shape (a file over the size allowed, say)
    let message = 'Le service a refusé le fichier (' + request.status + ').';
    try {
      message = JSON.parse(request.responseText).message || message;
    } catch (notJson) {
      // the status says enough
    }
    said.textContent = 'Fichier non importé : ' + message;
    form.querySelector('button[type=submit]').disabled = false;
  });
  request.addEventListener('error', () => {
    said.textContent = 'Connexion au service perdue : le fichier n\'a peut-être pas été importé. Regardez le journal '
        + 'd\'audit avant de recommencer.';
    form.querySelector('button[type=submit]').disabled = false;
  });
  request.send(new FormData(form));
});

// The survey's public form: the slip's QR code carries the code after '#', which no server log sees;
// it fills the field, then leaves the address so that the code does not stay in the history.
const surveyCode = document.getElementById('code-reponse');
if (surveyCode && window.location.hash.length > 1 && !surveyCode.value) {
  surveyCode.value = decodeURIComponent(window.location.hash.slice(1)).toUpperCase();
  window.history.replaceState(null, '', window.location.pathname);
}
