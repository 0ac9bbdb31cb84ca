package org.telltale.core.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Payload;

/** Runs the real walker over the built-in decoders and keeps what it saw, for assertions. */
final class Walks {
    private Walks() {
    }

    /** One visited node. */
    record Node(Payload payload, boolean leaf) {
        String text() {
            return new String(payload.data(), StandardCharsets.UTF_8);
        }
    }

    /** Everything one walk produced. */
    record Result(List<Node> nodes, List<String> diagnostics) {
        /** The node at exactly this path (steps after the root), or null. */
        Node at(String... path) {
            List<String> wanted = List.of(path);
            return nodes.stream().filter(n -> n.payload().labels().equals(wanted)).findFirst().orElse(null);
        }

        String textAt(String... path) {
            Node n = at(path);
            return n == null ? null : n.text();
        }

        List<List<String>> paths() {
            return nodes.stream().map(n -> n.payload().labels()).toList();
        }

        /** The path of the first node whose text is exactly this, or null. */
        List<String> pathOf(String text) {
            return nodes.stream().filter(n -> n.text().equals(text)).map(n -> n.payload().labels())
                    .findFirst().orElse(null);
        }
    }

    static Result walk(Payload root) {
        return walk(root, DecodeLimits.DEFAULT);
    }

    static Result walk(Payload root, DecodeLimits limits) {
        DecodeWalker walker = new DecodeWalker(Decoders.builtIn(), limits);
        List<Node> nodes = new ArrayList<>();
        List<String> diagnostics = new ArrayList<>();
        walker.walk(root, walker.newBudget(), (node, leaf) -> nodes.add(new Node(node, leaf)), diagnostics::add);
        return new Result(nodes, diagnostics);
    }

    static Payload body(String text, String contentType) {
        return Payload.root("request.body", utf8(text), contentType, null);
    }

    static Payload url(String url) {
        return Payload.root("request.url", utf8(url), null, null);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** zlib-wrapped deflate, or raw deflate when raw is true. */
    static byte[] deflate(byte[] data, boolean raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] resource(String name) {
        try (InputStream in = Objects.requireNonNull(Walks.class.getResourceAsStream("/decode/" + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
