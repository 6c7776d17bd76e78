package fr.ecole.lending.pages;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.net.URI;

/** Answers a page refused with a page: the sign-in page, or a 403 page that says why and links back. */
final class PageExceptionMapper implements ExceptionMapper<PageException> {
    @Override
    public Response toResponse(PageException exception) {
        if (exception instanceof PageException.SignInFirst signIn) {
            return Response.seeOther(URI.create(SignInResource.signInAddress(signIn.backTo))).build();
        }
        if (exception instanceof PageException.Forbidden forbidden) {
            return page(403, new MessageView("Accès refusé", forbidden.signedIn,
                    "Cette page est réservée à un autre rôle que le vôtre. Revenez à votre page d'accueil, "
                            + "ou demandez à un administrateur si vous pensez devoir y accéder."));
        }
        if (exception instanceof PageException.OutsideScope outside) {
            return page(403, new MessageView("Établissement hors de votre périmètre", outside.signedIn,
                    "L'établissement « " + outside.school + " » n'est pas de ceux pour lesquels vous travaillez : "
                            + "rien n'a été enregistré ni imprimé. Revenez au parc de votre établissement."));
        }
        PageException.StaleForm stale = (PageException.StaleForm) exception;
        return page(403, new MessageView("Formulaire expiré", stale.signedIn,
                "Ce formulaire n'a pas été accepté : il venait d'une page trop ancienne ou d'un autre site. "
                        + "Rien n'a été enregistré. Revenez à la page et recommencez."));
    }

    private static Response page(int status, MessageView view) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(view).build();
    }
}
