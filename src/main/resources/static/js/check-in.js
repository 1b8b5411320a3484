// The check-in pages on a phone (R14): installable, and usable without signal.
// "I have arrived", "I have left" and "extend" pressed without signal are kept on the phone, encrypted
// with a key the page can use but never read (a non-extractable AES-GCM CryptoKey kept in IndexedDB),
// and sent when the signal returns. Each carries its own event id and the phone's time: the server keeps
// both beside its own time and counts an event id it has seen as the same event.
// "Need help now" without signal is never kept for later and never reported as sent: the page shows at
// once whom to call instead. Signing out deletes the queue and its key (signed-out.js).
(function () {
    'use strict';

    var DB = 'exitwork-check-in';
    var flushing = false;

    function database() {
        return new Promise(function (resolve, reject) {
            var request = indexedDB.open(DB, 1);
            request.onupgradeneeded = function () {
                request.result.createObjectStore('key');
                request.result.createObjectStore('queue', { autoIncrement: true });
            };
            request.onsuccess = function () {
                // Let signing out delete the database even while this page is open.
                request.result.onversionchange = function () { request.result.close(); };
                resolve(request.result);
            };
            request.onerror = function () { reject(request.error); };
        });
    }

    function run(store, mode, work) {
        return database().then(function (db) {
            return new Promise(function (resolve, reject) {
                var tx = db.transaction(store, mode);
                var request = work(tx.objectStore(store));
                tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
                tx.onerror = function () { db.close(); reject(tx.error); };
            });
        });
    }

    function key() {
        return run('key', 'readonly', function (s) { return s.get('queue'); }).then(function (found) {
            if (found) {
                return found;
            }
            return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
                .then(function (made) {
                    return run('key', 'readwrite', function (s) { return s.put(made, 'queue'); }).then(function () {
                        return made;
                    });
                });
        });
    }

    function enqueue(entry) {
        var iv = crypto.getRandomValues(new Uint8Array(12));
        return key().then(function (k) {
            return crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv }, k,
                new TextEncoder().encode(JSON.stringify(entry)));
        }).then(function (data) {
            return run('queue', 'readwrite', function (s) { return s.add({ iv: iv, data: data }); });
        });
    }

    function waiting() {
        return database().then(function (db) {
            return new Promise(function (resolve, reject) {
                var items = [];
                var tx = db.transaction('queue', 'readonly');
                tx.objectStore('queue').openCursor().onsuccess = function (event) {
                    var cursor = event.target.result;
                    if (cursor) {
                        items.push({ id: cursor.key, sealed: cursor.value });
                        cursor.continue();
                    }
                };
                tx.oncomplete = function () { db.close(); resolve(items); };
                tx.onerror = function () { db.close(); reject(tx.error); };
            });
        });
    }

    function status(kind) {
        var element = document.querySelector('[data-testid="queue-status"]');
        if (element) {
            element.textContent = element.getAttribute('data-' + kind);
            element.hidden = false;
        }
    }

    // A signed-in page's token may have changed since the action was kept (a new sign-in): use the page's own.
    function freshToken(fields) {
        var input = document.querySelector('input[name="_csrf"]');
        if (input && fields.has('_csrf')) {
            fields.set('_csrf', input.value);
        }
        return fields;
    }

    function sendOne(item, k) {
        return crypto.subtle.decrypt({ name: 'AES-GCM', iv: item.sealed.iv }, k, item.sealed.data).then(function (plain) {
            var entry = JSON.parse(new TextDecoder().decode(plain));
            return fetch(entry.url, { method: 'POST', credentials: 'same-origin',
                body: freshToken(new URLSearchParams(entry.fields)) });
        }).then(function (response) {
            var signIn = new URL(response.url).pathname.indexOf('/sign-in') === 0;
            // 409: the appointment was checked out or cancelled meanwhile; nothing is left to send.
            if ((response.ok && !signIn) || response.status === 409) {
                return run('queue', 'readwrite', function (s) { return s.delete(item.id); }).then(function () {
                    return true;
                });
            }
            return false;
        });
    }

    function flush() {
        if (flushing || !navigator.onLine) {
            return Promise.resolve();
        }
        flushing = true;
        var sent = 0;
        return Promise.all([waiting(), key()]).then(function (both) {
            var items = both[0];
            var chain = Promise.resolve(true);
            items.forEach(function (item) {
                chain = chain.then(function (going) {
                    return going ? sendOne(item, both[1]).then(function (ok) { sent += ok ? 1 : 0; return ok; }) : false;
                });
            });
            return chain.then(function (allSent) {
                if (items.length > 0) {
                    status(allSent ? 'sent' : 'waiting');
                }
            });
        }).catch(function () {
            // No answer at all (the signal came back only in part): try again a little later.
            status('waiting');
            setTimeout(flush, 5000);
        }).then(function () {
            flushing = false;
        });
    }

    function showCall(near) {
        var card = near.closest('article') || document;
        var call = card.querySelector('[data-testid="call-for-help"]');
        if (call) {
            call.hidden = false;
            call.scrollIntoView();
            var first = call.querySelector('a');
            if (first) {
                first.focus();
            }
        }
    }

    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (form.hasAttribute('data-help')) {
            if (!navigator.onLine) {
                event.preventDefault();
                showCall(form);
            }
            return;
        }
        if (!form.hasAttribute('data-queue')) {
            return;
        }
        var fields = new FormData(form, event.submitter);
        var eventId = crypto.randomUUID();
        var phoneTime = new Date().toISOString();
        if (navigator.onLine) {
            // Sent now, but with its id all the same: a form sent again by the browser counts once.
            [['eventId', eventId], ['phoneTime', phoneTime]].forEach(function (pair) {
                var input = form.querySelector('input[name="' + pair[0] + '"]') || document.createElement('input');
                input.type = 'hidden';
                input.name = pair[0];
                input.value = pair[1];
                form.appendChild(input);
            });
            return;
        }
        event.preventDefault();
        fields.set('eventId', eventId);
        fields.set('phoneTime', phoneTime);
        var pairs = [];
        fields.forEach(function (value, name) { pairs.push([name, value]); });
        enqueue({ url: form.action, fields: pairs }).then(function () { status('queued'); },
            function () { status('waiting'); });
    });

    window.addEventListener('online', flush);
    document.addEventListener('DOMContentLoaded', function () {
        // The service worker answers a call for help that found no signal by coming back here with ?no-signal.
        var lost = new URLSearchParams(location.search).get('no-signal');
        if (lost !== null) {
            var forms = document.querySelectorAll('form[data-help]');
            var form = Array.prototype.find.call(forms, function (f) { return f.action.indexOf(lost) >= 0; }) || forms[0];
            if (form) {
                showCall(form);
            }
        }
        flush();
    });

    if ('serviceWorker' in navigator) {
        navigator.serviceWorker.register('/check-in-sw.js', { scope: '/safety/' });
    }
}());
