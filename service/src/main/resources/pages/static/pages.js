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
