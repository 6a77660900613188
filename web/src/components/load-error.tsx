import { Alert, Button } from 'antd';

/** What went wrong loading a page's data, with a way to try again. */
export function LoadError({ error, retry }: { readonly error: Error | undefined; readonly retry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title="Could not load the data"
      description={error.message}
      action={retry && <Button onClick={retry}>Try again</Button>}
    />
  );
}
