package fr.ecole.lending.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Dropwizard names a request's thread after its full address, query string included, and a desk's
 * search (?q=) holds a family's name or phone: any log line or thread dump that shows the thread would
 * show them. The name keeps the method and path only. Dropwizard gives the thread its own name back
 * when the request ends.
 */
@PreMatching
public class QuerylessThreadName implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Thread thread = Thread.currentThread();
        int query = thread.getName().indexOf('?');
        if (query >= 0) {
            thread.setName(thread.getName().substring(0, query));
        }
    }
}
