package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.core.detect.NodeView;

class FilePathDetectorTest {
    private final FilePathDetector detector = new FilePathDetector();

    @ParameterizedTest
    @ValueSource(strings = {
            "/storage/emulated/0/Download/Bank statement 2020-03.pdf",
            "/sdcard/DCIM/Camera",
            "/mnt/sdcard/WhatsApp/Media",
            "/storage/1A2B-3C4D/Private",
            "/data/data/com.whatsapp/files/key",
            "/data/user/0/org.telegram.messenger/cache",
            "file:///storage/emulated/0/Documents/cv.docx"})
    void aValueThatIsADevicePathIsHighAndKeepsItsSpaces(String path) {
        assertThat(detector.detect(NodeView.of(Leaves.json("$.event.folder", path), true, "log.browser-vendor.example", null)))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple("file_path", path, Confidence.HIGH));
    }

    @Test
    void pathsInsideLongerTextAreFoundEachWithItsOffsets() {
        String text = "opened '/storage/emulated/0/Movies/x.mp4' then /sdcard/Download;done";
        assertThat(detector.detect(NodeView.of(Leaves.form("log", text), true, "log.browser-vendor.example", null)))
                .extracting(Detection::value, Detection::start, Detection::end)
                .containsExactly(
                        tuple("/storage/emulated/0/Movies/x.mp4", 8, 40),
                        tuple("/sdcard/Download", 47, 63));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "file:///android_asset/www/index.html",  // the app's own bundled files
            "/sdcardx/foo",
            "/data/database/table",
            "/data/user/0/",
            "https://cdn.example.net/storage/emulated/0/x",  // part of a URL path
            "/storage/shared"})
    void pathsThatAreNotTheUsersFilesAreNotReported(String text) {
        assertThat(detector.detect(NodeView.of(Leaves.json("$.src", text), true, "cdn.example.net", null))).isEmpty();
    }
}
