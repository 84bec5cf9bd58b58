// The product page's browser script, kept as plain JavaScript text so the page needs no bundler.
// It creates a session, shows QR + link + wallet button, and follows the status endpoint.
export const PAGE_SCRIPT = String.raw`
(() => {
  const $ = (id) => document.getElementById(id);
  const buy = $('get-credential');
  const panel = $('exchange-panel');
  const steps = { waiting: $('step-waiting'), connected: $('step-connected'), issued: $('step-issued') };
  let current = null;
  let timer = null;

  function showError(title, detail) {
    const box = $('error');
    box.hidden = false;
    $('error-title').textContent = title;
    $('error-detail').textContent = detail || '';
  }
  function clearError() { $('error').hidden = true; }

  function setStage(status) {
    const order = ['waiting', 'connected', 'issued'];
    const reached = status.stage === 'failed' ? -1 : order.indexOf(status.stage);
    order.forEach((name, i) => {
      steps[name].classList.toggle('done', i < reached || (i === reached && name === 'issued'));
      steps[name].classList.toggle('current', i === reached && name !== 'issued');
    });
    panel.dataset.stage = status.stage;
    $('status-line').textContent = {
      waiting: 'Waiting for your wallet…',
      connected: 'Wallet connected: proving ownership…',
      issued: 'Credential issued.',
      failed: 'The exchange did not complete.',
    }[status.stage] || status.stage;
    if (status.did) {
      $('bound').hidden = false;
      $('bound-did').textContent = status.did;
    }
    if (status.stage === 'failed' && status.error) {
      showError('The credential was not issued', status.error.name + ': ' + status.error.message);
    }
  }

  async function follow(statusUrl) {
    clearTimeout(timer);
    try {
      const res = await fetch(statusUrl, { headers: { accept: 'application/json' } });
      const body = await res.json().catch(() => null);
      if (res.status === 404) {
        buy.disabled = false;
        $('status-line').textContent = 'This purchase session is gone.';
        showError('The shop no longer knows this session', ((body && body.message) || 'HTTP 404') + ' Start again with the button above.');
        return;
      }
      if (!res.ok || !body) throw new Error((body && body.message) || ('HTTP ' + res.status));
      setStage(body);
      if (body.stage === 'issued' || body.stage === 'failed') { buy.disabled = false; return; }
    } catch (err) {
      $('status-line').textContent = 'Could not reach the shop server (' + err.message + '); retrying…';
    }
    timer = setTimeout(() => follow(statusUrl), 1000);
  }

  buy.addEventListener('click', async () => {
    clearError();
    buy.disabled = true;
    $('bound').hidden = true;
    $('wallet-answer').textContent = '';
    try {
      const res = await fetch('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{}' });
      const body = await res.json().catch(() => null);
      if (!res.ok || !body) throw new Error((body && (body.name + ': ' + body.message)) || ('HTTP ' + res.status));
      current = body;
      $('qr').innerHTML = body.qrSvg;
      const link = $('interaction-link');
      link.href = body.interactionUrl;
      link.textContent = body.interactionUrl;
      panel.hidden = false;
      setStage({ stage: 'waiting' });
      follow(body.statusUrl);
    } catch (err) {
      buy.disabled = false;
      showError('Could not start the exchange', err.message);
    }
  });

  $('open-wallet').addEventListener('click', async () => {
    if (!current) return;
    const answer = $('wallet-answer');
    if (!navigator.credentials || typeof navigator.credentials.get !== 'function') {
      answer.textContent = 'This browser has no credential API. Scan the QR code with your wallet instead.';
      answer.className = 'answer warn';
      return;
    }
    answer.textContent = 'Asking your browser wallet…';
    answer.className = 'answer';
    try {
      const result = await navigator.credentials.get(current.chapiRequest);
      if (!result) {
        answer.textContent = 'No wallet answered (none installed, or the request was declined). Install the VCALM wallet extension or scan the QR code.';
        answer.className = 'answer warn';
      } else {
        answer.textContent = 'Your wallet answered (' + (result.dataType || result.type || 'response') + ').';
        answer.className = 'answer ok';
      }
    } catch (err) {
      answer.textContent = 'No wallet answered this request (' + (err && err.name ? err.name + ': ' : '') + (err && err.message ? err.message : err) + '). Install the VCALM wallet extension or scan the QR code.';
      answer.className = 'answer warn';
    }
  });
})();
`;
