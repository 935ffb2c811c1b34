/**
 * `clinscribe` entry point: dispatches to one module per subcommand (src/cli/<command>.ts), each exporting
 * `run(args: string[]): Promise<number>` and a `usage` string. Errors print one line and exit non-zero.
 */
import { ClinscribeError } from '../errors';

interface CommandModule {
  run(args: string[]): Promise<number>;
  usage: string;
}

const COMMANDS = ['transcribe', 'analyze', 'context', 'fhir', 'note', 'process', 'status'] as const;
type CommandName = (typeof COMMANDS)[number];
const isCommand = (name: string): name is CommandName => (COMMANDS as readonly string[]).includes(name);
// A computed specifier keeps the dispatcher free of compile-time links to every command's dependencies.
const load = async (name: CommandName): Promise<CommandModule> => (await import(`./${name}.js`)) as CommandModule;

const HELP = `Usage: clinscribe <command> [options]

Commands:
  transcribe <audio>                       transcript JSON on stdout
  analyze <text-file|->                    health JSON on stdout
  context                                  assertion per JSON line on stdin
  fhir <transcript.json> <health.json>     FHIR R4 bundle on stdout
  note <transcript.json> <health.json>     clinical note JSON on stdout
  process <file|dir…>                      run encounters through the host and save every artifact
  status [id]                              encounter status

Run 'clinscribe <command> --help' for the options of a command.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP + '\n');
    return command ? 0 : 2;
  }
  if (!isCommand(command)) {
    process.stderr.write(`clinscribe: unknown command '${command}' (see clinscribe --help)\n`);
    return 2;
  }
  let module: CommandModule;
  try {
    module = await load(command);
  } catch {
    process.stderr.write(`clinscribe: command '${command}' is not available in this build\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(module.usage + '\n');
    return 0;
  }
  return module.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof ClinscribeError
        ? `${error.code}: ${error.message}`
        : String(error instanceof Error ? error.message : error);
    process.stderr.write(`clinscribe: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
