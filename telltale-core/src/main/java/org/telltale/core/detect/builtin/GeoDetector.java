package org.telltale.core.detect.builtin;

import java.util.List;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * Where the device is: a latitude and longitude pair in one value ("48.8584,2.2945") under a
 * telling field name, or in a geo: URI (HIGH); one coordinate under a field named lat, lng,
 * latitude... (MEDIUM, the other half is in a sibling field). Only coordinates precise to three
 * decimals (about 100 m) or better count: coarser ones name a city, not a person's place.
 */
public final class GeoDetector implements Detector {
    /** Field names (normal form) that hold a whole "lat,lon" pair. */
    static final Set<String> PAIR_NAMES = Set.of(
            "location", "loc", "ll", "latlng", "latlon", "latlong", "geo", "geolocation", "coords", "coordinates",
            "gps", "gpslocation", "devicelocation", "userlocation", "lastlocation");
    /** Field names (normal form) that hold a latitude. */
    static final Set<String> LATITUDE_NAMES = Set.of("lat", "latitude", "userlat", "devicelat", "gpslat");
    /** Field names (normal form) that hold a longitude. */
    static final Set<String> LONGITUDE_NAMES = Set.of(
            "lng", "lon", "long", "longitude", "userlng", "userlon", "devicelng", "devicelon", "gpslng", "gpslon");

    private static final int MIN_DECIMALS = 3;

    @Override
    public String name() {
        return "geo";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        boolean leaf = context.leaf();
        if (!leaf) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        NodeText.Span whole = text.whole(80);
        if (whole == null) {
            return List.of();
        }
        String field = context.fieldName();
        String s = whole.text();
        boolean geoUri = s.regionMatches(true, 0, "geo:", 0, 4);
        if (geoUri || PAIR_NAMES.contains(field)) {
            String pair = pair(geoUri ? s.substring(4) : s);
            if (pair != null) {
                return List.of(Found.plain(name(), pair, text, whole.start(), whole.end(), Confidence.HIGH));
            }
            return List.of();
        }
        double limit = LATITUDE_NAMES.contains(field) ? 90 : LONGITUDE_NAMES.contains(field) ? 180 : 0;
        if (limit > 0 && isCoordinate(s, limit)) {
            return List.of(Found.plain(name(), s, text, whole.start(), whole.end(), Confidence.MEDIUM));
        }
        return List.of();
    }

    /** "lat,lon" in normal form, or null when the text is not a precise, in-range pair. */
    static String pair(String s) {
        int semicolon = s.indexOf(';');
        String body = semicolon >= 0 && s.indexOf(',') >= 0 ? s.substring(0, semicolon) : s; // geo:1,2;u=35
        String[] parts = body.split("\\s*[,;|]\\s*|\\s+", -1);
        if (parts.length < 2 || parts.length > 3) {
            return null; // a third part is the altitude in a geo: URI
        }
        if (!isCoordinate(parts[0], 90) || !isCoordinate(parts[1], 180)) {
            return null;
        }
        return parts[0] + "," + parts[1];
    }

    /** A decimal number with at least three decimals, within [-limit, limit], not zero. */
    static boolean isCoordinate(String s, double limit) {
        if (s.length() < MIN_DECIMALS + 2 || s.length() > 24) {
            return false;
        }
        int dot = s.indexOf('.');
        if (dot < 1 || s.length() - dot - 1 < MIN_DECIMALS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || i == dot || i == 0 && (c == '-' || c == '+'))) {
                return false;
            }
        }
        if (dot == 1 && !Character.isDigit(s.charAt(0))) {
            return false;
        }
        double v = Double.parseDouble(s);
        return v != 0 && Math.abs(v) <= limit;
    }
}
