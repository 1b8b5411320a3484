package org.exitwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** Module boundaries hold: no cycles, no reaching into another module's internals. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(ExitworkApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDiagrams() throws Exception {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();

        Path out = Path.of("target", "spring-modulith-docs");

        List<ApplicationModule> modules = MODULES.stream().toList();
        assertThat(modules).as("the modules found").hasSizeGreaterThan(5);
        String overview = Files.readString(out.resolve("components.puml"));
        for (ApplicationModule module : modules) {
            assertThat(overview).as("the overview names module %s", module.getIdentifier())
                    .contains("\"" + module.getDisplayName() + "\"");
            Path own = out.resolve("module-" + module.getIdentifier() + ".puml");
            assertThat(own).as("the diagram of module %s", module.getIdentifier()).isRegularFile();
            assertThat(Files.readString(own)).contains("\"" + module.getDisplayName() + "\"");
        }
    }
}
