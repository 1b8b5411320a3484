// Signing out empties what the check-in pages kept on this device (R14): the queue of actions kept without
// signal with its key, the kept pages and the service worker. The server asks the same with Clear-Site-Data
// where the browser honours it (https).
(function () {
    'use strict';
    if (window.indexedDB) {
        indexedDB.deleteDatabase('exitwork-check-in');
    }
    if (window.caches) {
        caches.keys().then(function (keys) {
            keys.filter(function (k) { return k.indexOf('exitwork-check-in') === 0; })
                .forEach(function (k) { caches.delete(k); });
        });
    }
    if (navigator.serviceWorker) {
        navigator.serviceWorker.getRegistrations().then(function (registrations) {
            registrations.forEach(function (registration) { registration.unregister(); });
        });
    }
}());
