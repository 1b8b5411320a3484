// Keeps the check-in pages and what they need on the phone (R14): a page or file is fetched from the network
// when there is signal (and kept), and shown from the phone when there is none. Nothing else is kept. A call
// for help whose post finds no signal comes back to its page with ?no-signal, which then shows whom to
// call; it is never kept to be sent later. Signing out deletes the kept pages (signed-out.js).
'use strict';

var CACHE = 'exitwork-check-in-v1';
var PAGE = /^\/safety\/(check-in|help\/[0-9a-f-]{36})$/;
var ASSET = /^\/(css|js|webjars|icons)\//;
var HELP = /^\/safety\/(help\/([0-9a-f-]{36})\/now|appointments\/([0-9a-f-]{36})\/help)$/;

self.addEventListener('install', function () {
    self.skipWaiting();
});

self.addEventListener('activate', function (event) {
    event.waitUntil(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (k) { return k !== CACHE && k.indexOf('exitwork-check-in') === 0; })
            .map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) {
        return;
    }
    var help = HELP.exec(url.pathname);
    if (request.method === 'POST' && request.mode === 'navigate' && help) {
        var back = help[2] ? '/safety/help/' + help[2] : '/safety/check-in';
        event.respondWith(fetch(request).catch(function () {
            return Response.redirect(back + '?no-signal=' + (help[2] || help[3]), 303);
        }));
        return;
    }
    if (request.method !== 'GET') {
        return;
    }
    var page = request.mode === 'navigate' && PAGE.test(url.pathname);
    if (!page && !ASSET.test(url.pathname)) {
        return;
    }
    // Network first, also for style sheets and scripts: a phone with signal always gets the current ones.
    event.respondWith(fetch(request).then(function (response) {
        if (response.ok && response.type === 'basic') {
            var copy = page && url.search ? null : response.clone();
            event.waitUntil(caches.open(CACHE).then(function (cache) {
                // A page reached with a notice (?done=...) is kept as it is without one.
                return copy ? cache.put(page ? url.pathname : request, copy) : cache.add(url.pathname);
            }).catch(function () { }));
        }
        return response;
    }).catch(function () {
        return caches.match(page ? url.pathname : request, { cacheName: CACHE }).then(function (kept) {
            return kept || Response.error();
        });
    }));
});
