package org.planningengine.query.webhooks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which urls a webhook may call: the checks against server-side request forgery. */
class WebhookUrlsTest {

    private final WebhookUrls closed = new WebhookUrls(false, () -> 8080);
    private final WebhookUrls privateAllowed = new WebhookUrls(true, () -> 8080);

    @Test
    void aPublicHttpOrHttpsUrlIsCalled() {
        assertThat(closed.refusal("https://93.184.216.34/hooks/planning")).isEmpty();
        assertThat(closed.refusal("http://93.184.216.34:8080/hooks")).isEmpty();
    }

    @Test
    void loopbackAndPrivateNetworksOnlyWhenAllowed() {
        for (String url : new String[]{"http://127.0.0.1:9000/hook", "http://localhost:9000/hook",
                                        "http://10.1.2.3/hook", "http://172.16.0.9/hook", "http://192.168.1.20/hook",
                                        "http://[::1]:9000/hook", "http://[fd12:3456::1]/hook"}) {
            assertThat(closed.refusal(url)).as(url).hasValueSatisfying(
                    refusal -> assertThat(refusal).contains("private address"));
            assertThat(privateAllowed.refusal(url)).as(url).isEmpty();
        }
    }

    @Test
    void metadataLinkLocalWildcardAndTheEngineItselfNever() {
        for (String url : new String[]{"http://169.254.169.254/latest/meta-data", "http://[fe80::1]/hook",
                                        "http://[fd00:ec2::254]/latest", "http://0.0.0.0:9000/hook",
                                        "http://127.0.0.1:8080/api/cycles", "http://224.0.0.1/hook"}) {
            assertThat(privateAllowed.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void onlyHttpWithAHostAndNoCredentials() {
        assertThat(privateAllowed.refusal("ftp://93.184.216.34/hook")).hasValueSatisfying(
                refusal -> assertThat(refusal).contains("http or https"));
        assertThat(privateAllowed.refusal("file:///etc/passwd")).isPresent();
        assertThat(privateAllowed.refusal("https://user:password@93.184.216.34/hook")).hasValueSatisfying(
                refusal -> assertThat(refusal).contains("credentials"));
        assertThat(privateAllowed.refusal("not a url")).isPresent();
        assertThat(privateAllowed.refusal("https://" + "a".repeat(2000) + ".example")).isPresent();
    }
}
