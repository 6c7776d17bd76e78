package fr.ecole.lending.http;

import com.google.common.net.InetAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The address a request comes from, as the login throttle counts it: the connection's, or, when the
 * connection comes from a proxy of {@code trustedProxies} (the load balancer), the address that proxy
 * saw, from {@code X-Forwarded-For}. The header is read from its right end, where each trusted proxy
 * appends the address it saw, and only as far as the addresses are trusted proxies: whatever a client
 * writes in it stands to the left, and is never reached. From any other connection the header is
 * ignored: anyone can send one.
 */
public final class ClientAddress {
    /** Proxies in a row that are followed: more than any real chain of load balancers. */
    static final int MOST_HOPS = 10;

    private final List<Block> trusted;

    private ClientAddress(List<Block> trusted) {
        this.trusted = trusted;
    }

    /**
     * Trusting the proxies of {@code list}: addresses or blocks ({@code 10.0.0.0/8}, {@code fd00::/8}),
     * separated by commas; empty or null for none.
     *
     * @throws IllegalArgumentException naming an entry that is not an address or a block
     */
    public static ClientAddress trusting(String list) {
        List<Block> blocks = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    blocks.add(Block.parse(entry.strip()));
                }
            }
        }
        return new ClientAddress(List.copyOf(blocks));
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** The client's address, from the connection's and the X-Forwarded-For headers, in their order. */
    String of(String connection, List<String> forwardedFor) {
        Optional<InetAddress> current = literal(connection);
        if (current.isEmpty()) {
            return connection;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        InetAddress client = current.get();
        for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MOST_HOPS && isTrusted(client); i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                // not an address: no proxy wrote that; the last address known stands
                break;
            }
            client = hop.get();
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(block -> block.contains(address));
    }

    /** An IP address written as such (IPv6 in brackets or not); never a name, which would be looked up. */
    static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return InetAddresses.isInetAddress(bare) ? Optional.of(InetAddresses.forString(bare)) : Optional.empty();
    }

    /** An address and how many of its leading bits a proxy's address shares with it. */
    private record Block(byte[] network, int bits) {
        static Block parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress network = literal(address).orElseThrow(() -> new IllegalArgumentException(
                    "trustedProxies: \"" + text + "\" is not an IP address or a block such as 10.0.0.0/8"));
            int length = network.getAddress().length * 8;
            int bits = length;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > length) {
                    throw new IllegalArgumentException("trustedProxies: \"" + text + "\" has a prefix length outside 0 to "
                            + length);
                }
            }
            return new Block(network.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
