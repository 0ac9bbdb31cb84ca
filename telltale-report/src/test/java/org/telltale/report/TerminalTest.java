package org.telltale.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTest {
    @Test
    void escapeSequencesFromACaptureCannotReachTheTerminal() {
        assertThat(Terminal.safe("a\u001b[2Jb\rc")).isEqualTo("a\\u001b[2Jb\\u000dc");
    }

    @Test
    void bidirectionalOverridesAreMadeVisible() {
        assertThat(Terminal.safe("invoice\u202egpj.exe")).isEqualTo("invoice\\u202egpj.exe");
    }

    @Test
    void ordinaryTextIsUnchangedWhateverItsScript() {
        assertThat(Terminal.safe("紫色大象 4921 é")).isEqualTo("紫色大象 4921 é");
    }
}
