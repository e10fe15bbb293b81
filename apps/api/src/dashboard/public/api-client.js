// fetch with the API token: asked once (a dialog) when the API answers 401, kept in sessionStorage for this tab,
// sent as `Authorization: Bearer …` on every request, the event stream included (it is read with fetch, not
// EventSource, which cannot send headers; a token in the URL would end up in logs).

const TOKEN_KEY = 'ecom.apiToken';
let asking = null;

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Shows the token dialog (one at a time) and resolves when a token was entered. */
function askToken() {
  asking ??= new Promise((resolve) => {
    const dialog = document.getElementById('token-dialog');
    const input = document.getElementById('token-input');
    const form = document.getElementById('token-form');
    input.value = '';
    form.addEventListener(
      'submit',
      () => {
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        asking = null;
        resolve();
      },
      { once: true },
    );
    dialog.showModal();
  });
  return asking;
}

/** fetch(path) with the token; on 401 asks for a (new) token and retries. */
export async function apiFetch(path, init = {}) {
  for (;;) {
    const response = await fetch(path, { ...init, headers: { ...init.headers, ...authHeaders() } });
    if (response.status !== 401) return response;
    sessionStorage.removeItem(TOKEN_KEY);
    await askToken();
  }
}
