/**
 * The policy area (loaded lazily, its own chunk; CodeMirror and the editor load with it, and the
 * editor page once more on its own): the flows and their versions, and a version's editor.
 */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../../components/Status.tsx';
import { NotFound } from '../../pages/NotFound.tsx';
import { FlowList } from './FlowList.tsx';
import './policy.css';

const Editor = lazy(() => import('./Editor.tsx'));

export default function PolicyArea() {
  return (
    <Routes>
      <Route index element={<FlowList />} />
      <Route
        path="flows/:key/versions/:version"
        element={
          <Suspense fallback={<Loading />}>
            <Editor />
          </Suspense>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
