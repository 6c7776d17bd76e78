package fr.ecole.lending.http;

import jakarta.ws.rs.core.Response;

/** A printable document, shown in the browser rather than saved, under a file name safe in any header. */
public final class PdfResponse {
    private PdfResponse() {
    }

    public static Response of(byte[] bytes, String name) {
        return Response.ok(bytes, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + name.replaceAll("[^A-Za-z0-9-]", "") + ".pdf\"")
                .build();
    }
}
