/**
 * In-app confirmation (window.confirm blocks the page, cannot be styled or tested, and some
 * browsers suppress it): a request in a small store that ConfirmDialog shows, answered as a
 * promise. A second request while one is open answers the first with "no".
 */
import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirm: string;
  cancel: string;
}

interface ConfirmState {
  request: (ConfirmRequest & { answer: (ok: boolean) => void }) | null;
}

export const useConfirm = create<ConfirmState>(() => ({ request: null }));

export function askConfirm(request: ConfirmRequest): Promise<boolean> {
  useConfirm.getState().request?.answer(false);
  return new Promise((resolve) => {
    useConfirm.setState({
      request: {
        ...request,
        answer: (ok) => {
          useConfirm.setState({ request: null });
          resolve(ok);
        },
      },
    });
  });
}
