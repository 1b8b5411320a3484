package org.exitwork.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class that starts the application on a real port shares one cached context with the browser
 * tests, so it must run in their lane, never beside one of them (junit-platform.properties). A new
 * such class without the lane would share a database with a class running at the same moment.
 */
class LanesTest {

    @Test
    void everyClassOnARealPortRunsInTheBrowserLane() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(SpringBootTest.class));
        List<String> onARealPort = new ArrayList<>();
        List<String> outsideTheLane = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("org.exitwork")) {
            Class<?> test = Class.forName(candidate.getBeanClassName());
            SpringBootTest boot = test.getAnnotation(SpringBootTest.class);
            if (boot == null || boot.webEnvironment() != SpringBootTest.WebEnvironment.RANDOM_PORT) {
                continue;
            }
            onARealPort.add(test.getSimpleName());
            Execution execution = test.getAnnotation(Execution.class);
            ResourceLock lock = test.getAnnotation(ResourceLock.class);
            if (execution == null || execution.value() != ExecutionMode.CONCURRENT || lock == null
                    || !Lanes.BROWSER.equals(lock.value())) {
                outsideTheLane.add(test.getSimpleName());
            }
        }
        assertThat(onARealPort).as("the scan finds the browser tests").contains("PhoneLayoutBrowserTest",
                "ConcurrentRequestsTest");
        assertThat(outsideTheLane).as("classes on a real port outside the browser lane").isEmpty();
    }
}
