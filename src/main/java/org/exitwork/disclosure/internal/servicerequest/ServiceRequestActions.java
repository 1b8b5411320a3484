package org.exitwork.disclosure.internal.servicerequest;

/** The audit actions of service requests (R11). Details carry ids and codes, never content. */
final class ServiceRequestActions {
    static final String SERVICE_REQUESTS_READ = "SERVICE_REQUESTS_READ";
    static final String SERVICE_REQUEST_FORM_OPENED = "SERVICE_REQUEST_FORM_OPENED";
    static final String SERVICE_REQUEST_DOCUMENT_DOWNLOADED = "SERVICE_REQUEST_DOCUMENT_DOWNLOADED";
    static final String SERVICE_REQUEST_CANCELLED = "SERVICE_REQUEST_CANCELLED";
    static final String SERVICE_REQUEST_LINK_OPENED = "SERVICE_REQUEST_LINK_OPENED";
    static final String SERVICE_REQUEST_LINK_REFUSED = "SERVICE_REQUEST_LINK_REFUSED";
    static final String SERVICE_REQUEST_ANSWERED = "SERVICE_REQUEST_ANSWERED";
    static final String SERVICE_REQUEST_OVERDUE = "SERVICE_REQUEST_OVERDUE";
    static final String SERVICE_REQUEST_FOLLOW_UP_SET = "SERVICE_REQUEST_FOLLOW_UP_SET";
    static final String SERVICE_REQUESTS_EXPORTED = "SERVICE_REQUESTS_EXPORTED";
    static final String NETWORK_QUALITY_READ = "NETWORK_QUALITY_READ";

    private ServiceRequestActions() {
    }
}
