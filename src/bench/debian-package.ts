import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Installs a Debian package when one of its files is missing (as root, with apt-get; `apt-get
 * update` first only when the install fails) and answers its installed version. Throws with the
 * one command that would install it when this process is not root.
 */
export function ensureDebianPackage(name: string, files: readonly string[], say: (line: string) => void = () => undefined): string {
  if (!files.every((f) => existsSync(f))) {
    if (process.getuid?.() !== 0) throw new Error(`${name} is not installed; install Debian's package as root: apt-get install -y ${name}`);
    say(`installing Debian's ${name} package (apt-get install -y ${name})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['install', '-y', '-q', name], { stdio: 'ignore', env });
    } catch {
      execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
      execFileSync('apt-get', ['install', '-y', '-q', name], { stdio: 'ignore', env });
    }
  }
  try {
    return execFileSync('dpkg-query', ['-W', '-f', '${Version}', name], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
