package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.DefaultParameterNameDiscoverer;

/**
 * A key naming a parameter needs the parameter names at run time: classes compiled without {@code -parameters}
 * fail at start-up instead of counting under a {@code null} key; positional references keep working.
 */
@DynamoDbEmulatorTest
class EveryNCallsParameterNamesTest {

    private static final String PACKAGE = "io.github.distributedcounter.generated";

    @TempDir
    static Path classes;

    private static ClassLoader loader;

    private final ApplicationContextRunner runner;
    private final String table = "parameter-names-" + UUID.randomUUID();

    EveryNCallsParameterNamesTest(URI endpoint) {
        runner = CounterRunner.on(endpoint, table);
    }

    /** Compiles two beans the way a build without {@code -parameters} and without debug information does. */
    @BeforeAll
    static void compileWithoutParameterNames() throws Exception {
        Path sources = Files.createDirectories(classes.resolve("src"));
        write(sources, "ByName", "@EveryNCalls(n = 1, key = \"'tenant:' + #tenant\")");
        write(sources, "ByPosition", "@EveryNCalls(n = 2, key = \"'tenant:' + #p0 + ':' + #a1\")");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String annotations = new File(EveryNCalls.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getPath();
        StringWriter errors = new StringWriter();
        var files = javac.getStandardFileManager(null, null, null).getJavaFileObjects(
                sources.resolve("ByName.java").toFile(), sources.resolve("ByPosition.java").toFile());
        boolean compiled = javac.getTask(errors, null, null,
                List.of("-g:none", "--release", "17", "-classpath", annotations, "-d", classes.toString()), null, files)
                .call();
        assertThat(compiled).as(errors.toString()).isTrue();
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                EveryNCallsParameterNamesTest.class.getClassLoader());
    }

    private static void write(Path sources, String name, String annotation) throws IOException {
        Files.writeString(sources.resolve(name + ".java"), "package " + PACKAGE + ";\n"
                + "import io.github.distributedcounter.EveryNCalls;\n"
                + "public class " + name + " {\n"
                + "    " + annotation + "\n"
                + "    public String report(String tenant, int region) {\n"
                + "        return \"ran:\" + tenant;\n"
                + "    }\n"
                + "}\n");
    }

    private static Class<?> compiled(String name) throws ClassNotFoundException {
        Class<?> type = Class.forName(PACKAGE + "." + name, true, loader);
        Method report = reportOf(type);
        assertThat(new DefaultParameterNameDiscoverer().getParameterNames(report)).isNull();
        return type;
    }

    private static Method reportOf(Class<?> type) {
        try {
            return type.getMethod("report", String.class, int.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKeyNamingAParameterFailsStartUpWhenTheNamesWereNotCompiledIn() throws Exception {
        Class<?> byName = compiled("ByName");
        runner.withClassLoader(loader).withBean(byName).run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("@EveryNCalls on public java.lang.String " + PACKAGE
                        + ".ByName.report(java.lang.String,int): the key expression ''tenant:' + #tenant' refers to"
                        + " #tenant, but the parameter names of this method are not available at run time (its"
                        + " class was compiled without -parameters). Compile with -parameters (Maven:"
                        + " <parameters>true</parameters> in maven-compiler-plugin; Gradle:"
                        + " options.compilerArgs.add('-parameters')), or refer to parameters by position:"
                        + " #p0 or #a0 for the first."));
    }

    @Test
    void positionalReferencesWorkWithoutTheNames() throws Exception {
        Class<?> byPosition = compiled("ByPosition");
        runner.withClassLoader(loader).withBean(byPosition).run(context -> {
            Object bean = context.getBean(byPosition);
            Method report = reportOf(bean.getClass());
            assertThat(report.invoke(bean, "acme", 7)).isNull();
            assertThat(report.invoke(bean, "acme", 7)).isEqualTo("ran:acme");
            assertThat(StoredCounters.of(context, "tenant:acme:7")).isEqualTo(Map.of("tenant:acme:7", 2L));
        });
    }
}
