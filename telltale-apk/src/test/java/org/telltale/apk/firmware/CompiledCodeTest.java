package org.telltale.apk.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.code.CodeLimits;

/**
 * The files an APK's code was moved into are found beside it: on an image e2fsprogs made, Settings.apk
 * pairs with exactly its oat/arm64 .vdex and .odex, and the other APKs and the jar with nothing; the boot
 * class path's naming pairs too.
 */
class CompiledCodeTest {
    @TempDir
    Path tmp;

    @Test
    void anApkOnAnImageIsPairedWithExactlyTheVdexAndOdexBesideIt() throws Exception {
        Path stage = tmp.resolve("stage");
        FirmwareFixture.stageSystem(stage);
        Path image = FirmwareFixture.mkfs(stage, tmp.resolve("system.img"), "16M", "-t", "ext4");
        Map<String, Set<String>> compiledByCode = new TreeMap<>();
        Set<String> code = new TreeSet<>();
        new FirmwareWalker(CodeLimits.DEFAULT, tmp.resolve("work"), FirmwareProgress.NONE).walk(image,
                (partition, path, size, open) -> {
                    if (CompiledCode.isCompiled(path)) {
                        compiledByCode.computeIfAbsent(CompiledCode.key(path), k -> new TreeSet<>()).add(path);
                    } else if (path.endsWith(".apk") || path.endsWith(".jar")) {
                        code.add(CompiledCode.key(path));
                    }
                });
        assertThat(code).containsExactly("/system/app/Empty/Empty", "/system/app/Settings/Settings",
                "/system/framework/asm", "/system/priv-app/UiAutomator/UiAutomator");
        assertThat(compiledByCode).isEqualTo(Map.of("/system/app/Settings/Settings",
                Set.of("/system/app/Settings/oat/arm64/Settings.odex", "/system/app/Settings/oat/arm64/Settings.vdex")));
    }

    @Test
    void bootClassPathFilesPairWithTheirFrameworkJar() {
        for (String path : List.of("/system/framework/arm64/boot-framework.vdex", "/system/framework/framework.jar")) {
            assertThat(CompiledCode.key(path)).as(path).isEqualTo("/system/framework/framework");
        }
        assertThat(CompiledCode.key("/system/framework/oat/arm64/services.odex")).isEqualTo("/system/framework/services");
        assertThat(CompiledCode.key("/system/lib64/libfoo.so")).isEqualTo("/system/lib64/libfoo");
        assertThat(CompiledCode.isCompiled("/system/app/Settings/Settings.apk")).isFalse();
    }
}
