// Passkeys (WebAuthn) for the forms marked data-passkey-register and data-passkey-sign-in: asks the
// server for the ceremony's options, lets the device create or use a passkey, puts the device's answer
// into the form's hidden "credential" field and sends the form as usual. Every message the person
// reads comes from the server's answer to that form, in their language; a cancelled ceremony sends
// the form without an answer and the server says what went wrong.
(function () {
  'use strict';

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return window.btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  }

  function fromBase64Url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return Object.assign({}, d, { id: fromBase64Url(d.id) });
    });
  }

  function options(form) {
    var token = form.querySelector('input[name="_csrf"]');
    var headers = { 'Content-Type': 'application/json' };
    if (token) {
      headers['X-CSRF-TOKEN'] = token.value;
    }
    return fetch(form.getAttribute('data-options'), { method: 'POST', headers: headers, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('options: ' + response.status);
        }
        return response.json();
      });
  }

  function register(form) {
    return options(form).then(function (o) {
      var publicKey = Object.assign({}, o, {
        challenge: fromBase64Url(o.challenge),
        user: Object.assign({}, o.user, { id: fromBase64Url(o.user.id) }),
        excludeCredentials: descriptors(o.excludeCredentials)
      });
      return navigator.credentials.create({ publicKey: publicKey });
    }).then(function (created) {
      var response = created.response;
      return {
        id: created.id,
        rawId: toBase64Url(created.rawId),
        response: {
          attestationObject: toBase64Url(response.attestationObject),
          clientDataJSON: toBase64Url(response.clientDataJSON),
          transports: response.getTransports ? response.getTransports() : []
        },
        type: created.type,
        clientExtensionResults: created.getClientExtensionResults(),
        authenticatorAttachment: created.authenticatorAttachment
      };
    });
  }

  function signIn(form) {
    return options(form).then(function (o) {
      var publicKey = Object.assign({}, o, {
        challenge: fromBase64Url(o.challenge),
        allowCredentials: descriptors(o.allowCredentials)
      });
      return navigator.credentials.get({ publicKey: publicKey });
    }).then(function (used) {
      var response = used.response;
      return {
        id: used.id,
        rawId: toBase64Url(used.rawId),
        response: {
          authenticatorData: toBase64Url(response.authenticatorData),
          clientDataJSON: toBase64Url(response.clientDataJSON),
          signature: toBase64Url(response.signature),
          userHandle: response.userHandle ? toBase64Url(response.userHandle) : null
        },
        type: used.type,
        clientExtensionResults: used.getClientExtensionResults(),
        authenticatorAttachment: used.authenticatorAttachment
      };
    });
  }

  function wire(form, ceremony, ready) {
    form.addEventListener('submit', function (event) {
      var field = form.querySelector('input[name="credential"]');
      if (form.dataset.passkeyDone || !window.PublicKeyCredential || !ready(form)) {
        return;
      }
      event.preventDefault();
      form.dataset.passkeyDone = 'yes';
      ceremony(form).then(function (answer) {
        field.value = JSON.stringify(answer);
      }, function () {
        field.value = '';
      }).then(function () {
        form.submit();
      });
    });
  }

  document.querySelectorAll('form[data-passkey-register]').forEach(function (form) {
    // Without a name the server asks for one first; no passkey is made for a form that comes back.
    wire(form, register, function (f) {
      var name = f.querySelector('input[name="name"]');
      return name && name.value.trim() !== '';
    });
  });
  document.querySelectorAll('form[data-passkey-sign-in]').forEach(function (form) {
    wire(form, signIn, function () { return true; });
  });
}());
