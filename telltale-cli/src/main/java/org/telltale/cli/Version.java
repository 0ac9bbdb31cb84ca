package org.telltale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** The version Maven wrote into the jar. */
final class Version implements CommandLine.IVersionProvider {
    static final String VALUE = read();

    @Override
    public String[] getVersion() {
        return new String[] {"telltale " + VALUE};
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
