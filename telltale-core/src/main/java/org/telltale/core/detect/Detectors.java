package org.telltale.core.detect;

import java.util.List;

import org.telltale.api.Detector;
import org.telltale.core.detect.builtin.AdvertisingIdDetector;
import org.telltale.core.detect.builtin.AndroidIdDetector;
import org.telltale.core.detect.builtin.AppIdentityDetector;
import org.telltale.core.detect.builtin.BrowsingHistoryDetector;
import org.telltale.core.detect.builtin.CredentialDetector;
import org.telltale.core.detect.builtin.DeviceProfileDetector;
import org.telltale.core.detect.builtin.EmailDetector;
import org.telltale.core.detect.builtin.FilePathDetector;
import org.telltale.core.detect.builtin.GeoDetector;
import org.telltale.core.detect.builtin.IdentifierDetector;
import org.telltale.core.detect.builtin.ImeiDetector;
import org.telltale.core.detect.builtin.MacDetector;
import org.telltale.core.detect.builtin.PhoneDetector;
import org.telltale.core.detect.builtin.ScreenDetector;
import org.telltale.core.detect.builtin.SearchDetector;
import org.telltale.core.detect.builtin.UserAgentDetector;

/** The built-in detectors that need no canary, in one literal list. */
public final class Detectors {
    private Detectors() {
    }

    public static List<Detector> builtIn() {
        return List.of(
                new ImeiDetector(),
                new AndroidIdDetector(),
                new AdvertisingIdDetector(),
                new IdentifierDetector(),
                new AppIdentityDetector(),
                new CredentialDetector(),
                new MacDetector(),
                new EmailDetector(),
                new PhoneDetector(),
                new GeoDetector(),
                new FilePathDetector(),
                new ScreenDetector(),
                new BrowsingHistoryDetector(),
                new SearchDetector(),
                new DeviceProfileDetector(),
                new UserAgentDetector());
    }
}
