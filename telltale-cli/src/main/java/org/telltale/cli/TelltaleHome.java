package org.telltale.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The user's Telltale directory: {@code telltale.home} (a system property, for tests), else
 * {@code $TELLTALE_HOME}, else {@code ~/.telltale}. It holds the certificate authority ({@code ca/})
 * and, while {@code telltale record} runs, a note naming the case it records into, so {@code telltale
 * session} finds it without being told.
 */
final class TelltaleHome {
    private TelltaleHome() {
    }

    static Path dir() {
        String p = System.getProperty("telltale.home");
        if (p == null || p.isBlank()) {
            p = System.getenv("TELLTALE_HOME");
        }
        return p == null || p.isBlank() ? Path.of(System.getProperty("user.home"), ".telltale") : Path.of(p);
    }

    /** Where the certificate authority lives. */
    static Path ca() {
        return dir().resolve("ca");
    }

    private static Path recordingNote() {
        return dir().resolve("recording");
    }

    /** Notes the case a recorder writes into (replacing the note atomically). */
    static void noteRecording(Path caseFile) throws IOException {
        Files.createDirectories(dir());
        Path tmp = Files.createTempFile(dir(), "recording", ".tmp");
        Files.writeString(tmp, caseFile.toAbsolutePath() + "\n" + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, recordingNote(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the note when it is this process's. */
    static void forgetRecording() {
        try {
            Path note = recordingNote();
            if (Files.exists(note) && String.valueOf(ProcessHandle.current().pid()).equals(lines(note)[1])) {
                Files.delete(note);
            }
        } catch (IOException | RuntimeException e) {
            // a stale note is recognised by its process being gone
        }
    }

    /** The case a running recorder writes into, or null when none runs. */
    static Path recordingCase() {
        try {
            Path note = recordingNote();
            if (!Files.isRegularFile(note)) {
                return null;
            }
            String[] l = lines(note);
            boolean running = ProcessHandle.of(Long.parseLong(l[1].strip())).map(ProcessHandle::isAlive).orElse(false);
            return running ? Path.of(l[0]) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String[] lines(Path note) throws IOException {
        String[] l = Files.readString(note, StandardCharsets.UTF_8).split("\n");
        if (l.length < 2) {
            throw new IOException(note + ": not a recording note");
        }
        return l;
    }
}
