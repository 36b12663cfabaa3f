/**
 * How much of a message is read. Git and the vendors put every revert
 * marker in the subject or the first lines of the body; a commit message
 * can be megabytes long.
 */
const MAX_CHARS = 4096;

// Anchored at the start of a trimmed line, each with one bounded or
// delimited repetition: linear, nothing to backtrack over.
/** `git revert` (and GitLab's Revert of a commit): `This reverts commit <sha>.` */
const REVERTS_COMMIT = /^This reverts commit [0-9a-f]{7,64}\b/;
/** GitLab's Revert of a merge request: `This reverts merge request !12`. */
const REVERTS_MERGE_REQUEST = /^This reverts merge request [\w./-]*![0-9]+/;
/** GitHub's Revert button: the pull request body `Reverts owner/repo#123`. */
const REVERTS_PULL_REQUEST = /^Reverts [\w.-]+\/[\w.-]+#[0-9]+/;

/**
 * Whether a commit message, or a pull or merge request title, says its
 * change is a revert, as `git revert`, GitHub and GitLab write them: the
 * subject (first line) starts with `Revert "`, or a line of the message
 * starts with `This reverts commit <sha>`, `This reverts merge request !<iid>`
 * (GitLab) or `Reverts <owner>/<repo>#<number>` (the body of the pull request
 * GitHub's Revert button opens, kept by squash merges). Only the first 4 KB
 * are read; leading and trailing white space of a line (`\r` included) is
 * ignored. Case-sensitive, as the tools write them, so prose such as
 * "we may revert this" is no revert.
 *
 * @public
 */
export function isRevertMessage(message: string | null | undefined): boolean {
  if (typeof message !== 'string' || message.length === 0) return false;
  const lines = message.slice(0, MAX_CHARS).split('\n');
  const subjectIndex = lines.findIndex(line => line.trim() !== '');
  if (subjectIndex === -1) return false;
  if (lines[subjectIndex].trim().startsWith('Revert "')) return true;
  return lines.some(raw => {
    const line = raw.trim();
    return (
      REVERTS_COMMIT.test(line) ||
      REVERTS_MERGE_REQUEST.test(line) ||
      REVERTS_PULL_REQUEST.test(line)
    );
  });
}
