package org.telltale.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.Console;
import java.io.RandomAccessFile;
import java.net.IDN;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The module rules of the design notes, checked on the compiled main classes of every module. A
 * module's classes live under {@code org.telltale.<module>} (a rule below checks that too), so the
 * rules speak of packages and mean modules.
 */
@AnalyzeClasses(packages = "org.telltale", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {
    /**
     * Every module's main classes and no test classes. ArchUnit's own DoNotIncludeTests knows only
     * {@code target/test-classes}, but CI also builds into {@code target-jdk25} ({@code -Dbuild.dir.name}).
     */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    /** The modules of the design notes' table, each by the root package of its classes. */
    private static final Set<String> MODULES = Set.of("api", "core", "formats", "attribute", "store", "report", "web",
            "proxy", "apk", "batch", "spark", "cli", "testkit", "bench");

    /** The modules this test depends on: each must be imported, or a rule could hold for want of classes. */
    private static final Set<String> BUILT = Set.of("api", "core", "formats", "attribute", "store", "report", "web", "proxy",
            "apk", "batch", "spark", "cli", "testkit", "bench");

    @ArchTest
    static void everyModuleThisTestDependsOnIsImported(JavaClasses imported) {
        Map<String, Long> classesPerModule = imported.stream()
                .collect(Collectors.groupingBy(c -> c.getPackageName().split("\\.")[2], TreeMap::new,
                        Collectors.counting()));
        assertThat(classesPerModule.keySet()).as("modules with classes imported").containsAll(BUILT);
    }

    @ArchTest
    static final ArchRule everyClassLivesInTheModuleItsPackageNames = classes()
            .should(liveInTheirModule())
            .because("the other rules name packages and mean modules: org.telltale.<m>.. is the module telltale-<m>");

    @ArchTest
    static final ArchRule nettyOnlyInTheProxy = noClasses()
            .that().resideOutsideOfPackage("org.telltale.proxy..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .because("telltale-proxy is the only module that imports io.netty, and converts ByteBuf to plain records at its edge");

    @ArchTest
    static final ArchRule sqlOnlyInTheStore = noClasses()
            .that().resideOutsideOfPackage("org.telltale.store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
            .because("the case file (telltale-store) is the only module with SQL");

    /**
     * What counts as I/O for the engine: files, channels, sockets and URLs, processes, the console.
     * Allowed: in-memory streams (ByteArrayInputStream, the java.util.zip inflater streams), IOException
     * and its subtypes, and the java.net classes that only parse or escape text (URI, URLDecoder,
     * URLEncoder, IDN), which Sites uses to read a request's host.
     */
    private static final DescribedPredicate<JavaClass> IO = resideInAPackage("java.io")
            .and(simpleNameStartingWith("File").or(belongToAnyOf(RandomAccessFile.class, Console.class)))
            .and(not(assignableTo(Throwable.class)))
            .or(resideInAnyPackage("java.nio.file..", "java.nio.channels.."))
            .or(resideInAPackage("java.net..")
                    .and(not(belongToAnyOf(URI.class, URLDecoder.class, URLEncoder.class, IDN.class))))
            .or(belongToAnyOf(ProcessBuilder.class, Process.class, ProcessHandle.class))
            .as("are files, channels, sockets, URLs or processes");

    @ArchTest
    static final ArchRule noIoInCore = noClasses()
            .that().resideInAPackage("org.telltale.core..")
            .should().dependOnClassesThat(IO)
            .orShould().callMethodWhere(JavaAccess.Predicates.target(
                    DescribedPredicate.describe("Runtime.exec", t -> t.getOwner().isEquivalentTo(Runtime.class)
                            && t.getName().equals("exec"))))
            .orShould().accessField(System.class, "in")
            .orShould().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("the engine is a pure function of its inputs: the caller opens files and sockets (CaptureSource)");

    @ArchTest
    static final ArchRule theApiDependsOnNothingOfOurs = classes()
            .that().resideInAPackage("org.telltale.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.telltale.api..")
            .because("telltale-api may depend on nothing: every module and every plug-in builds on it alone");

    @ArchTest
    static final ArchRule theCliOnlyWires = noClasses()
            .that().resideOutsideOfPackage("org.telltale.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.telltale.cli..")
            .because("the CLI only wires the modules together; what another module needs belongs in a module");

    /**
     * The "may depend on" column of the modules table. Layers of modules that do not exist yet are
     * optional, so the rule holds them the day they appear. Bench may depend on any module.
     */
    @ArchTest
    static final ArchRule modulesDependOnlyAsTheTableSays = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer("api").definedBy("org.telltale.api..")
            .layer("core").definedBy("org.telltale.core..")
            .layer("formats").definedBy("org.telltale.formats..")
            .layer("attribute").definedBy("org.telltale.attribute..")
            .optionalLayer("store").definedBy("org.telltale.store..")
            .layer("report").definedBy("org.telltale.report..")
            .optionalLayer("web").definedBy("org.telltale.web..")
            .optionalLayer("proxy").definedBy("org.telltale.proxy..")
            .layer("apk").definedBy("org.telltale.apk..")
            .layer("batch").definedBy("org.telltale.batch..")
            .layer("spark").definedBy("org.telltale.spark..")
            .layer("cli").definedBy("org.telltale.cli..")
            .layer("testkit").definedBy("org.telltale.testkit..")
            .layer("bench").definedBy("org.telltale.bench..")
            .whereLayer("api").mayNotAccessAnyLayer()
            .whereLayer("core").mayOnlyAccessLayers("api")
            .whereLayer("formats").mayOnlyAccessLayers("api")
            .whereLayer("attribute").mayOnlyAccessLayers("api")
            .whereLayer("store").mayOnlyAccessLayers("api")
            .whereLayer("report").mayOnlyAccessLayers("api")
            // The web view rebuilds each finding's layers with the engine's replay, which is core's.
            .whereLayer("web").mayOnlyAccessLayers("api", "core", "store", "report")
            .whereLayer("proxy").mayOnlyAccessLayers("api", "core")
            .whereLayer("apk").mayOnlyAccessLayers("api", "core")
            .whereLayer("batch").mayOnlyAccessLayers("api", "core", "formats", "attribute")
            .whereLayer("spark").mayOnlyAccessLayers("api", "core", "formats", "attribute", "batch")
            .whereLayer("cli").mayOnlyAccessLayers("api", "core", "formats", "attribute", "store", "report", "web",
                    "proxy", "apk", "batch")
            .whereLayer("testkit").mayOnlyAccessLayers("api")
            .because("the modules table of the design notes says what each module may depend on");

    /** A class in org.telltale.m.. must come from the module telltale-m (its classes directory or jar). */
    private static ArchCondition<JavaClass> liveInTheirModule() {
        return new ArchCondition<>("come from the module telltale-<m> that their package org.telltale.<m> names") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String[] parts = c.getPackageName().split("\\.");
                String module = parts.length > 2 && parts[0].equals("org") && parts[1].equals("telltale") ? parts[2] : null;
                String from = c.getSource().map(s -> s.getUri().toString()).orElse("an unknown place");
                boolean ok = module != null && MODULES.contains(module) && from.contains("/telltale-" + module + "/");
                String message = c.getName() + (module == null || !MODULES.contains(module)
                        ? " is in no module's package (known: " + MODULES + ")"
                        : " comes from " + from + ", not from telltale-" + module);
                events.add(new SimpleConditionEvent(c, ok, message));
            }
        };
    }
}
