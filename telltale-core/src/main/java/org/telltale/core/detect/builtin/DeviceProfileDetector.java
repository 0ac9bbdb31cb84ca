package org.telltale.core.detect.builtin;

import java.util.List;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * The device's profile, sent as separate values by SDKs of every kind: model and maker, OS version,
 * carrier and network codes, network type, IP addresses inside payloads, time zone, language and
 * country, screen size, memory, disk, battery, rooted or emulator flags. A value counts when its
 * field name says which part it is ({@link ProfileFields}) and the value has that part's shape
 * ({@link ProfileValues}); two shapes are telling on their own wherever they are sent as a whole
 * value: Android's build fingerprint and an IANA time-zone name. The app screens a user opened are
 * the screen detector's; a screen's size in pixels is this one's.
 */
public final class DeviceProfileDetector implements Detector {
    /** The longest value read: profile values are short, and a long text under "model" is something else. */
    private static final int MAX_VALUE = 256;

    @Override
    public String name() {
        return "device_profile";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        NodeText text = NodeText.ofTextLeaf(context);
        if (text == null) {
            return List.of();
        }
        NodeText.Span whole = text.whole(MAX_VALUE);
        if (whole == null) {
            return List.of();
        }
        String fieldName = context.fieldName();
        ProfileFields.Field field = ProfileFields.of(fieldName);
        if (field == null && whole.text().indexOf('/') < 0) {
            return List.of(); // the two shapes telling on their own both hold a slash
        }
        String value = text.utf8(whole.start(), whole.end());
        ProfileValues.Reading reading = field == null ? null : ProfileValues.read(field, fieldName, value);
        if (reading == null && ProfileValues.isBuildFingerprint(value)) {
            reading = new ProfileValues.Reading("build_fingerprint", value, Confidence.HIGH);
        }
        if (reading == null && ProfileValues.isZoneId(value)) {
            reading = new ProfileValues.Reading("time_zone", value, Confidence.HIGH);
        }
        if (reading == null) {
            return List.of();
        }
        return List.of(Found.plain(reading.kind(), reading.value(), text, whole.start(), whole.end(),
                reading.confidence()));
    }
}
