package org.telltale.core.detect.builtin;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.FieldNames;
import org.telltale.core.detect.NodeText;

/**
 * Credentials sent where anyone on the path can read them: HTTP Basic's user and password
 * ({@code http_credentials}, "user:password"), the user and workstation names of an NTLM
 * authenticate message ({@code ntlm_user} as DOMAIN\\user, {@code ntlm_workstation}), both in an
 * Authorization or Proxy-Authorization header, and a {@code password} in a form, JSON or query
 * field of a telling name. A password field holding a placeholder ("****", "password", "null",
 * "${password}") is no password.
 */
public final class CredentialDetector implements Detector {
    /** Field names (normal form) that say the value is the user's password. */
    static final Set<String> PASSWORD_FIELDS = Set.of(
            "password", "passwd", "userpassword", "loginpassword", "accountpassword", "newpassword", "oldpassword",
            "currentpassword", "confirmpassword", "passwort", "motdepasse", "contrasena", "senha", "userpass");
    /** Short names that are usually a password but also a pass id or a flag: MEDIUM. */
    static final Set<String> SHORT_PASSWORD_FIELDS = Set.of("pwd", "pass", "pw", "pword");
    /** What forms and SDKs send in a password field when there is none. */
    private static final Set<String> PLACEHOLDERS = Set.of(
            "password", "passwd", "pass", "pwd", "null", "nil", "none", "undefined", "true", "false", "empty", "secret",
            "changeme", "redacted", "hidden", "masked", "xxx", "example", "test");

    @Override
    public String name() {
        return "credential";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        NodeText text = NodeText.of(context);
        if (context.node().path().isEmpty() && (FieldNames.isHeader(context.node(), "authorization")
                || FieldNames.isHeader(context.node(), "proxy-authorization"))) {
            return authorization(text);
        }
        if (!context.leaf()) {
            return List.of();
        }
        String field = context.fieldName();
        boolean named = PASSWORD_FIELDS.contains(field);
        if (!named && !SHORT_PASSWORD_FIELDS.contains(field)) {
            return List.of();
        }
        NodeText.Span whole = text.whole(128);
        if (whole == null || !text.looksLikeText() || isPlaceholder(whole.text())) {
            return List.of();
        }
        return List.of(Found.plain("password", text.utf8(whole.start(), whole.end()), text, whole.start(), whole.end(),
                named ? Confidence.HIGH : Confidence.MEDIUM));
    }

    /** "Basic b64(user:password)", or "NTLM b64(message)" / "Negotiate b64(message)" with a raw NTLM message. */
    private static List<Detection> authorization(NodeText text) {
        NodeText.Span whole = text.whole(16 * 1024);
        if (whole == null) {
            return List.of();
        }
        String s = whole.text();
        int space = s.indexOf(' ');
        if (space < 0) {
            return List.of();
        }
        String scheme = s.substring(0, space).toLowerCase(Locale.ROOT);
        int start = whole.start() + space + 1;
        while (start < whole.end() && text.text().charAt(start) == ' ') {
            start++;
        }
        int end = whole.end();
        byte[] decoded = base64(text.text().substring(start, end));
        if (decoded == null) {
            return List.of();
        }
        List<Detection> found = new ArrayList<>();
        if (scheme.equals("basic")) {
            String pair = utf8(decoded);
            if (pair != null && pair.indexOf(':') > 0 && pair.chars().noneMatch(Character::isISOControl)) {
                found.add(Found.of("http_credentials", pair, text, start, end, "base64", Confidence.HIGH));
            }
        } else if (scheme.equals("ntlm") || scheme.equals("negotiate")) {
            NtlmAuthenticate m = NtlmAuthenticate.parse(decoded);
            if (m != null) {
                found.add(Found.of("ntlm_user", m.qualifiedUser(), text, start, end, "ntlm", Confidence.HIGH));
                if (!m.workstation().isEmpty()) {
                    found.add(Found.of("ntlm_workstation", m.workstation(), text, start, end, "ntlm", Confidence.HIGH));
                }
            }
        }
        return found;
    }

    /** Not a password: a word that names the field, nothing, or one character repeated ("****", "xxxx"). */
    static boolean isPlaceholder(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        return v.length() < 3 || IdShape.allSame(v) || PLACEHOLDERS.contains(lower)
                || lower.startsWith("${") || lower.startsWith("{{") || lower.startsWith("<") && lower.endsWith(">")
                || lower.startsWith("%") && lower.length() <= 3 || v.chars().allMatch(c -> c == '*' || c == '\u2022');
    }

    private static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
