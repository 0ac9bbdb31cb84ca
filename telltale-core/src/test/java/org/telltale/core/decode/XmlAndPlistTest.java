package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.io.StringWriter;
import java.util.Base64;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.junit.jupiter.api.Test;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Finding;
import org.telltale.api.Payload;
import org.telltale.core.EngineRuns;
import org.telltale.testkit.ExchangeBuilder;

/**
 * XML and property lists written by the JDK's XMLStreamWriter: element text and attributes with
 * entities and CDATA, a base64 or JSON value inside an element opened, plist {@code <data>} as
 * base64; and hostile documents (external entities, entity expansion, deep nesting) read safely.
 */
class XmlAndPlistTest {
    private static final String MAIL = "jane.roe@mail.example";

    static String xml() throws XMLStreamException {
        StringWriter s = new StringWriter();
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(s);
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("events");
        w.writeStartElement("event");
        w.writeAttribute("id", "e-1");
        w.writeStartElement("note");
        w.writeCharacters("fish & chips <3");
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement("event");
        w.writeAttribute("owner", MAIL);
        w.writeStartElement("payload");
        w.writeCharacters(Base64.getEncoder().encodeToString(utf8("{\"email\":\"" + MAIL + "\",\"v\":1}")));
        w.writeEndElement();
        w.writeStartElement("json");
        w.writeCData("{\"user\":{\"email\":\"" + MAIL + "\"}}");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
        return s.toString();
    }

    static String plist() throws XMLStreamException {
        StringWriter s = new StringWriter();
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(s);
        w.writeStartDocument("UTF-8", "1.0");
        w.writeDTD("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">");
        w.writeStartElement("plist");
        w.writeAttribute("version", "1.0");
        w.writeStartElement("dict");
        element(w, "key", "user");
        w.writeStartElement("dict");
        element(w, "key", "email");
        element(w, "string", MAIL);
        element(w, "key", "age");
        element(w, "integer", "41");
        w.writeEndElement();
        element(w, "key", "events");
        w.writeStartElement("array");
        element(w, "string", "open");
        element(w, "data", Base64.getMimeEncoder().encodeToString(utf8("{\"email\":\"" + MAIL + "\"}")));
        w.writeEmptyElement("true");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
        return s.toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    @Test
    void xmlTextAttributesEntitiesAndCdataAreReadAndValuesInsideOpened() throws XMLStreamException {
        for (String type : new String[] {"application/xml", null}) {
            Walks.Result r = walk(Walks.body(xml(), type));

            assertThat(r.textAt("xml:/events/event/@id")).isEqualTo("e-1");
            assertThat(r.textAt("xml:/events/event/note")).isEqualTo("fish & chips <3");
            assertThat(r.textAt("xml:/events/event[2]/@owner")).isEqualTo(MAIL);
            assertThat(r.textAt("xml:/events/event[2]/payload", "base64", "json:$.email")).isEqualTo(MAIL);
            assertThat(r.textAt("xml:/events/event[2]/json", "json:$.user.email")).isEqualTo(MAIL);
            assertThat(r.diagnostics()).isEmpty();
        }
    }

    @Test
    void aPlistIsReadByKeysAndItsDataIsBase64() throws XMLStreamException {
        for (String type : new String[] {"application/x-plist", "application/xml", null}) {
            Walks.Result r = walk(Walks.body(plist(), type));

            assertThat(r.pathOf(MAIL)).as(String.valueOf(type)).containsExactly("plist:$.user.email");
            assertThat(r.textAt("plist:$.user.age")).isEqualTo("41");
            assertThat(r.textAt("plist:$.events[0]")).isEqualTo("open");
            assertThat(r.textAt("plist:$.events[1]", "json:$.email")).isEqualTo(MAIL);
            assertThat(r.textAt("plist:$.events[2]")).isEqualTo("true");
            assertThat(r.diagnostics()).isEmpty();
        }
    }

    @Test
    void throughTheEngineAnXmlAttributeIsFoundWithItsPathAndNothingElse() throws XMLStreamException {
        List<Finding> found = EngineRuns.findings(ExchangeBuilder.post("https://t.example/c")
                .header("Content-Type", "text/xml; charset=utf-8").body(xml()).build(),
                new Canary("mail", CanaryType.EMAIL, MAIL, List.of()));

        assertThat(found).extracting(Finding::provenance).containsExactlyInAnyOrder(
                "request.body > xml:/events/event[2]/@owner",
                "request.body > xml:/events/event[2]/payload > base64 > json:$.email",
                "request.body > xml:/events/event[2]/json > json:$.user.email");
    }

    @Test
    void anExternalEntityIsNeverFetchedNorExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<r><a>before</a><b>&x;</b></r>";

        Walks.Result r = walk(Walks.body(xxe, "application/xml"));

        assertThat(r.nodes().stream().skip(1).map(Walks.Node::text)).containsExactly("before");
        assertThat(r.diagnostics()).singleElement().asString().contains("xml failed");
    }

    @Test
    void entityExpansionIsRefusedRatherThanExpanded() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String bomb = dtd + "]><lolz>&lol9;</lolz>";

        Walks.Result r = walk(Walks.body(bomb, "application/xml"));

        assertThat(r.nodes()).allMatch(n -> n.payload().data().length <= bomb.length());
        assertThat(r.diagnostics()).singleElement().asString().contains("xml failed");
    }

    @Test
    void deepNestingStopsAtTheBoundWithTheValuesReadBeforeIt() {
        String deep = "<r><v>" + MAIL + "</v>" + "<a>".repeat(10_000) + "x" + "</a>".repeat(10_000) + "</r>";

        Walks.Result r = walk(Walks.body(deep, "application/xml"));

        assertThat(r.diagnostics()).singleElement().asString().contains("nested deeper than 64");
        assertThat(r.nodes()).hasSizeLessThan(70);
    }

    @Test
    void textThatOnlyStartsWithAnAngleBracketIsNotXml() {
        Walks.Result r = walk(Payload.root("request.header:x-note", utf8("<3 you & me"), null, null));

        assertThat(r.nodes()).hasSize(1);
        assertThat(r.diagnostics()).isEmpty();
    }
}
