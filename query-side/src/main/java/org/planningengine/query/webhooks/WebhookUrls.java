package org.planningengine.query.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Which urls a webhook may call. A webhook makes the engine send requests where a user says, so a url is checked
 * against server-side request forgery: only http(s), no credentials in it, and no address the engine should never
 * be made to call: link-local ones (cloud metadata services live there), the wildcard and multicast addresses, and
 * the engine's own port on the loopback. Loopback and private networks are refused too, unless the configuration
 * allows them. The name is resolved at every delivery again, so a name that later points elsewhere is caught.
 */
final class WebhookUrls {

    static final int MAX_LENGTH = 2000;

    private final boolean allowPrivateNetworks;
    private final IntSupplier enginePort;

    /** @param enginePort the port the engine answers on (known once its web server has started) */
    WebhookUrls(boolean allowPrivateNetworks, IntSupplier enginePort) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.enginePort = enginePort;
    }

    /** Why the engine will not call this url; empty when it may. */
    Optional<String> refusal(String url) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("url must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            return Optional.of("url is not a url: " + malformed.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("url must be http or https (was '" + url + "')");
        }
        if (uri.getHost() == null) {
            return Optional.of("url must name a host (was '" + url + "')");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("url must not carry credentials: the signature proves the sender");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException unknown) {
            return Optional.of("url's host " + uri.getHost() + " is not known");
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address, port);
            if (refused.isPresent()) {
                return Optional.of("url " + url + " points at " + address.getHostAddress() + ", " + refused.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(InetAddress address, int port) {
        if (address.isLinkLocalAddress() || isMetadata(address)) {
            return Optional.of("a link-local address (where cloud metadata services answer), never called");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("which is no host to call");
        }
        if (address.isLoopbackAddress() && port == enginePort.getAsInt()) {
            return Optional.of("the engine itself");
        }
        boolean isPrivate = address.isLoopbackAddress() || address.isSiteLocalAddress() || isUniqueLocal(address);
        if (isPrivate && !allowPrivateNetworks) {
            return Optional.of("a private address; an administrator may allow private networks with "
                               + "planning.webhooks.allow-private-networks");
        }
        return Optional.empty();
    }

    /** AWS's IPv6 metadata address; the IPv4 one, 169.254.169.254, is link-local. */
    private static boolean isMetadata(InetAddress address) {
        return address.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
    }

    /** fc00::/7, IPv6's private networks. */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }
}
