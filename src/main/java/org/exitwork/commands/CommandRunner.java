package org.exitwork.commands;

/** Runs one command and says the process exit status. */
public interface CommandRunner {

    int run(Command command, String[] args);
}
