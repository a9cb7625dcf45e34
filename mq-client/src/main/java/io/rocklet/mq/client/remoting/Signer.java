package io.rocklet.mq.client.remoting;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * RocketMQ's ACL request signature: the header fields' values (the access key included) in the
 * order of their sorted names, then the body, signed with HMAC-SHA1 under the secret key and
 * Base64-encoded into the {@code Signature} field.
 */
public final class Signer {
    public static final Signer NONE = new Signer(null, null);
    static final String ACCESS_KEY = "AccessKey";
    static final String SIGNATURE = "Signature";

    private final String accessKey;
    private final SecretKeySpec secretKey;

    private Signer(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey == null ? null : new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
    }

    /** Signs with these credentials; {@link #NONE} when either is null. */
    public static Signer of(String accessKey, String secretKey) {
        return accessKey == null || secretKey == null ? NONE : new Signer(accessKey, secretKey);
    }

    void sign(RemotingCommand request) {
        if (secretKey == null) {
            return;
        }
        request.extFields.remove(SIGNATURE);
        request.extFields.put(ACCESS_KEY, accessKey);
        request.extFields.put(SIGNATURE, signature(request.extFields, request.body));
    }

    String signature(Map<String, String> fields, byte[] body) {
        StringBuilder content = new StringBuilder();
        for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
            if (!SIGNATURE.equals(field.getKey())) {
                content.append(field.getValue());
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(secretKey);
            mac.update(content.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                mac.update(body);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
