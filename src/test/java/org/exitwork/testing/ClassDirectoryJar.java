package org.exitwork.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** A class directory (target/classes, target/test-classes) as a jar, for the JVMs tests start. */
final class ClassDirectoryJar {

    private ClassDirectoryJar() {
    }

    static void write(Path directory, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(path -> !path.equals(directory)).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            // Stored, not compressed: written once and read by every started JVM, so inflating costs more.
            zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (Path file : files) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                // Directory entries too: Spring's classpath scanning asks the class loader for the
                // package's directory (org/exitwork/) and finds nothing in a jar without them.
                if (Files.isDirectory(file)) {
                    zip.putNextEntry(new JarEntry(name + "/"));
                } else {
                    zip.putNextEntry(new JarEntry(name));
                    Files.copy(file, zip);
                }
                zip.closeEntry();
            }
        }
    }
}
