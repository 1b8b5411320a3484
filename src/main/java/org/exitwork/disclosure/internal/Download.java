package org.exitwork.disclosure.internal;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A file the gate hands out (a share, a service request, its FHIR form, a client's report or export, a
 * funder report): its name, its type and its bytes, answered as a download that no cache keeps.
 */
public record Download(String filename, String contentType, byte[] body) {

    public ResponseEntity<byte[]> answer() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType(contentType))
                .body(body);
    }
}
