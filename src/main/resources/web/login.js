// The dashboard's login: the access token is exchanged once for a session cookie (HttpOnly, SameSite=Strict)
// and never kept by the page.
(function () {
  'use strict';

  const form = document.getElementById('login-form');
  const message = document.getElementById('login-message');

  function show(text) {
    message.textContent = text;
    message.hidden = !text;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('token');
    const token = input.value.trim();
    if (!token) {
      show('Hãy nhập mã truy cập.');
      return;
    }
    show('');
    try {
      const response = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=UTF-8', Accept: 'application/json' },
        body: JSON.stringify({ token }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      input.value = '';
      if (response.ok) {
        window.location.reload();
      } else if (response.status === 401) {
        show('Mã truy cập không đúng.');
      } else if (response.status === 403) {
        show('Mã truy cập này không dùng để đăng nhập bảng điều hành.');
      } else {
        show(`Không đăng nhập được (HTTP ${response.status}). Vui lòng thử lại.`);
      }
    } catch (e) {
      show('Không kết nối được máy chủ. Vui lòng thử lại.');
    }
  });
}());
