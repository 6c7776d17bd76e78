package fr.ecole.lending.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToFiftyAndRefusesOutOfRangeLimits() {
        assertThat(PageRequest.parse(null, null)).isEqualTo(new PageRequest(50, 0));
        assertThat(PageRequest.parse("500", "").limit()).isEqualTo(500);
        for (String bad : new String[] {"0", "501", "-1", "ten", "1e3"}) {
            assertThatThrownBy(() -> PageRequest.parse(bad, null))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        }
    }

    @Test
    void aPageCutsTheExtraRowAndPointsPastItsLastRow() {
        PageRequest request = PageRequest.parse("2", null);
        Page<Long> page = Page.of(List.of(10L, 20L, 30L), request, Long::longValue);
        assertThat(page.items()).containsExactly(10L, 20L);
        assertThat(PageRequest.parse("2", page.nextCursor()).after()).isEqualTo(20L);
        assertThat(Page.of(List.of(10L, 20L), request, Long::longValue).nextCursor()).isNull();
    }

    @Test
    void refusesForgedCursors() {
        for (String bad : new String[] {"zzz", "YWZ0ZXI6LTE", "bm9wZQ", "%%%"}) {
            assertThatThrownBy(() -> PageRequest.parse(null, bad))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }
}
