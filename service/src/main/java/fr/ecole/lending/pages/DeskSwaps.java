package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.NewSwap;
import fr.ecole.lending.agreements.ReturnCondition;
import fr.ecole.lending.agreements.Swap;
import fr.ecole.lending.agreements.SwapService;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.http.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A device on loan swapped at the desk for another of the same kind, under its agreement. */
final class DeskSwaps {
    private final DeviceService devices;
    private final SwapService swaps;

    DeskSwaps(DeviceService devices, SwapService swaps) {
        this.devices = devices;
        this.swaps = swaps;
    }

    static String amendmentPdf(String number, int n) {
        return "/poste/conventions/" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "/echanges/" + n + ".pdf";
    }

    /**
     * Swaps {@code assetTag} for {@code replacement} under the agreement it is out on: a success with the
     * amendment and the receipt, the question when no replacement is typed yet, or the refusal.
     */
    DeskView.Outcome swap(User user, String assetTag, String replacement, ReturnCondition condition,
                          List<String> missing, String note) {
        if (replacement.isBlank()) {
            return DeskView.Outcome.info("Échange de " + assetTag + " : scannez l'appareil de remplacement dans "
                    + "« Appareil de remplacement », vérifiez l'état de l'appareil rendu, puis enregistrez l'échange.");
        }
        try {
            Device out = devices.get(user, AssetTag.of(assetTag));
            if (out.openLoan() == null) {
                return DeskView.Outcome.error("Échange refusé : l'appareil " + out.assetTag()
                        + " n'est pas en prêt, il n'y a rien à échanger.");
            }
            Swap swap = swaps.swap(user, out.openLoan().agreementNumber(), new NewSwap(out.assetTag(),
                    replacement.strip(), condition, missing, note));
            return DeskView.Outcome.success("Échange enregistré : " + swap.out() + " rendu ("
                    + DeskWords.conditionLabel(condition).toLowerCase(Locale.ROOT) + "), " + swap.in()
                    + " prêté à sa place sous la convention " + swap.agreementNumber() + ", retour prévu le "
                    + DeskScans.DATE.format(swap.dueDate()) + ". Faites signer l'avenant au responsable.",
                    new DeskView.Link("Avenant (PDF)", amendmentPdf(swap.agreementNumber(), swap.number())),
                    new DeskView.Link("Reçu (PDF)", DeskResource.receiptPdf(swap.returnId())));
        } catch (ApiException refused) {
            return DeskView.Outcome.error("Échange refusé : " + refused.getMessage());
        }
    }

    byte[] amendment(User user, String number, int n) {
        return swaps.amendment(user, number, n);
    }
}
