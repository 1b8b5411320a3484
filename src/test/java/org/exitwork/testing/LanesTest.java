package org.exitwork.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class that starts the application on a real port shares one cached context with the browser
 * tests, so it must run in their lane, never beside one of them (junit-platform.properties). A new
 * such class without the lane would share a database with a class running at the same moment. The
 * lane comes through meta-annotations ({@link BrowserLaneTest}, {@link BrowserLane}), so the checks read
 * the merged annotations the way JUnit does, and ask JUnit's own engine how it will run each class.
 */
class LanesTest {

    @Test
    void everyClassOnARealPortRunsInTheBrowserLane() throws Exception {
        List<Class<?>> onARealPort = onARealPort();
        List<String> outsideTheLane = new ArrayList<>();
        for (Class<?> test : onARealPort) {
            if (!inTheBrowserLane(test)) {
                outsideTheLane.add(test.getSimpleName());
            }
        }
        assertThat(onARealPort.stream().map(Class::getSimpleName)).as("the scan finds the browser lane's classes")
                .contains("PhoneLayoutBrowserTest", "ConcurrentRequestsTest", "RefusedAtTheDoorTest",
                        "BrowserJourneyTest");
        assertThat(outsideTheLane).as("classes on a real port outside the browser lane").isEmpty();
    }

    /**
     * What the Jupiter engine itself makes of each class on a real port: it runs concurrently with the
     * ordinary tests and holds the browser lane's lock for reading and writing, one class at a time.
     */
    @Test
    void theEngineRunsEachClassOnARealPortConcurrentlyUnderTheBrowserLock() throws Exception {
        TestEngine jupiter = ServiceLoader.load(TestEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(engine -> engine.getId().equals("junit-jupiter")).findFirst().orElseThrow();
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (Class<?> test : onARealPort()) {
            selectors.add(DiscoverySelectors.selectClass(test));
        }
        TestDescriptor root = jupiter.discover(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(),
                UniqueId.forEngine(jupiter.getId()));
        ExclusiveResource browserLock = new ExclusiveResource(Lanes.BROWSER, ExclusiveResource.LockMode.READ_WRITE);
        Map<String, String> howTheyRun = new LinkedHashMap<>();
        for (TestDescriptor test : root.getChildren()) {
            Node<?> node = (Node<?>) test;
            boolean inTheLane = node.getExecutionMode() == Node.ExecutionMode.CONCURRENT
                    && node.getExclusiveResources().equals(Set.of(browserLock));
            howTheyRun.put(test.getDisplayName(), inTheLane ? "in the browser lane"
                    : node.getExecutionMode() + " " + node.getExclusiveResources());
        }
        assertThat(howTheyRun).as("every class on a real port, as the engine runs it").hasSize(selectors.size())
                .allSatisfy((test, how) -> assertThat(how).as(test).isEqualTo("in the browser lane"));
    }

    /**
     * The same annotations make the same context cache key ({@link MergedContextConfiguration}): the classes
     * of {@link BrowserLaneTest} start one application between them. {@code DisclosureBrowserTest} starts
     * one of its own: its mail server's port, a {@code @DynamicPropertySource}, is part of the key.
     */
    @Test
    void theClassesOfTheBrowserLaneTestShareOneApplication() throws Exception {
        Map<MergedContextConfiguration, List<String>> applications = new LinkedHashMap<>();
        for (Class<?> test : onARealPort()) {
            if (AnnotationSupport.isAnnotated(test, BrowserLaneTest.class)) {
                applications.computeIfAbsent(
                        BootstrapUtils.resolveTestContextBootstrapper(test).buildMergedContextConfiguration(),
                        key -> new ArrayList<>()).add(test.getSimpleName());
            }
        }
        List<String> shared = applications.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        assertThat(shared).as("the classes sharing the browser lane's application")
                .contains("PhoneLayoutBrowserTest", "ConcurrentRequestsTest", "RefusedAtTheDoorTest");
        assertThat(applications.values().stream().filter(classes -> classes != shared))
                .as("classes of the browser lane with an application of their own")
                .containsExactly(List.of("DisclosureBrowserTest"));
    }

    @Test
    void theCheckSeesTheLaneThroughMetaAnnotationsAndAnotherLaneAsOutside() {
        assertThat(inTheBrowserLane(ThroughTheTestAnnotation.class)).isTrue();
        assertThat(inTheBrowserLane(ThroughTheLaneAnnotation.class)).isTrue();
        assertThat(inTheBrowserLane(InTheProcessesLane.class)).isFalse();
        assertThat(inTheBrowserLane(LockedButOnTheOrdinaryThread.class)).isFalse();
        assertThat(inTheBrowserLane(NoLane.class)).isFalse();
    }

    private static List<Class<?>> onARealPort() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(SpringBootTest.class));
        List<Class<?>> onARealPort = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("org.exitwork")) {
            Class<?> test = Class.forName(candidate.getBeanClassName());
            if (test.isAnnotation() || test.getEnclosingClass() == LanesTest.class) {
                continue; // BrowserLaneTest itself, and the fixtures below
            }
            SpringBootTest boot = AnnotatedElementUtils.findMergedAnnotation(test, SpringBootTest.class);
            if (boot != null && boot.webEnvironment() == SpringBootTest.WebEnvironment.RANDOM_PORT) {
                onARealPort.add(test);
            }
        }
        return onARealPort;
    }

    /** The class's merged annotations, found as JUnit finds them: CONCURRENT, and the browser lane's lock. */
    static boolean inTheBrowserLane(Class<?> test) {
        boolean concurrent = AnnotationSupport.findAnnotation(test, Execution.class)
                .map(execution -> execution.value() == ExecutionMode.CONCURRENT).orElse(false);
        boolean locked = AnnotationSupport.findRepeatableAnnotations(test, ResourceLock.class).stream()
                .anyMatch(lock -> Lanes.BROWSER.equals(lock.value()) && lock.mode() == ResourceAccessMode.READ_WRITE);
        return concurrent && locked;
    }

    @BrowserLaneTest
    private static final class ThroughTheTestAnnotation {
    }

    @BrowserLane
    private static final class ThroughTheLaneAnnotation {
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(Lanes.PROCESSES)
    private static final class InTheProcessesLane {
    }

    @Execution(ExecutionMode.SAME_THREAD)
    @ResourceLock(Lanes.BROWSER)
    private static final class LockedButOnTheOrdinaryThread {
    }

    private static final class NoLane {
    }
}
