import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../api';
import { categoryLabel } from '../components/categories';
import { Field } from '../components/Field';
import { Alert, EmptyState, ErrorState, LoadingBlock } from '../components/States';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useFocusFirstError } from '../components/useFocusFirstError';
import { formatMoney } from '../format';
import * as adminApi from './api';
import type { AdminAsset, AssetInput } from './types';
import { UploadBox } from './UploadBox';
import { adminKeys, ConfirmDialog, formErrors, SelectField, StatusPill, TextAreaField } from './ui';

export function AssetsAdminPage() {
  useDocumentTitle('Staff · Assets');
  const assets = useQuery({ queryKey: adminKeys.assets, queryFn: adminApi.fetchAssets });
  return (
    <>
      <header className="page-head staff-head">
        <div>
          <p className="eyebrow">Staff / Assets</p>
          <h1>Assets</h1>
        </div>
        <Link to="/admin/assets/new" className="btn btn--primary" data-testid="new-asset">
          New asset
        </Link>
      </header>
      {assets.isPending ? (
        <LoadingBlock lines={5} label="Loading the assets…" />
      ) : assets.isError ? (
        <ErrorState error={assets.error} title="Could not load the assets" onRetry={() => assets.refetch()} />
      ) : assets.data.length === 0 ? (
        <EmptyState title="No assets yet" action={{ to: '/admin/assets/new', label: 'Add the first one' }} />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Assets">
          <table className="table" data-testid="admin-assets">
            <caption className="visually-hidden">Assets, drafts included</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Category</th>
                <th scope="col">Format</th>
                <th scope="col">Price</th>
              </tr>
            </thead>
            <tbody>
              {assets.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/admin/assets/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>
                    <StatusPill status={a.status} />
                  </td>
                  <td>{a.category}</td>
                  <td>{a.fileFormat}</td>
                  <td>{formatMoney(a.price)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const CATEGORIES = ['textures', 'characters', 'luts', 'sound'];

const EMPTY: AssetInput = {
  title: '',
  description: '',
  price: '',
  category: 'textures',
  badge: '',
  imageUrl: '',
  fileFormat: 'ZIP',
  fileSize: '',
  color: 'blue-500',
  status: 'draft',
};

function toInput(a: AdminAsset): AssetInput {
  const { id: _id, ...rest } = a;
  void _id;
  return { ...rest, badge: rest.badge ?? '', imageUrl: rest.imageUrl ?? '', fileSize: rest.fileSize ?? '' };
}

const orNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
// The asset as stored, for a PUT that changes one field (the form shows null as '').
const asStored = (a: AdminAsset): AssetInput => ({
  ...toInput(a),
  badge: a.badge ?? null,
  imageUrl: a.imageUrl ?? null,
  fileSize: a.fileSize ?? null,
});

function AssetForm({ asset }: { asset?: AdminAsset }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState<AssetInput>(asset ? toInput(asset) : EMPTY);
  const form = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: (input: AssetInput) => (asset ? adminApi.updateAsset(asset.id, input) : adminApi.createAsset(input)),
    onSuccess: (saved) => {
      qc.invalidateQueries({ queryKey: adminKeys.assets });
      qc.invalidateQueries({ queryKey: ['assets'] });
      if (!asset) navigate(`/admin/assets/${saved.id}`, { replace: true });
    },
  });
  useFocusFirstError(form, save.error);
  const errs = formErrors(save.error);
  const set = (k: keyof AssetInput) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...v, badge: orNull(v.badge), imageUrl: orNull(v.imageUrl), fileSize: orNull(v.fileSize) });
  };
  return (
    <form ref={form} onSubmit={submit} noValidate data-testid="asset-form">
      {save.isError && Object.keys(errs).length === 0 && <Alert>{errorMessage(save.error)}</Alert>}
      {save.isSuccess && asset && <Alert kind="success">Saved.</Alert>}
      <div className="form-grid">
        <Field label="Title" value={v.title} onChange={set('title')} error={errs.title} required />
        <Field
          label="Price (USD)"
          value={v.price}
          onChange={set('price')}
          error={errs.price}
          inputMode="decimal"
          placeholder="29.00"
          hint="With two decimals, e.g. 29.00."
          required
        />
        <SelectField label="Category" value={v.category} onChange={set('category')} error={errs.category}>
          {(CATEGORIES.includes(v.category) ? CATEGORIES : [v.category, ...CATEGORIES]).map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c)}
            </option>
          ))}
        </SelectField>
        <Field label="File format" value={v.fileFormat} onChange={set('fileFormat')} error={errs.fileFormat} placeholder="PNG" />
        <Field label="File size (optional)" value={v.fileSize ?? ''} onChange={set('fileSize')} error={errs.fileSize} placeholder="2.8 GB" />
        <Field label="Badge (optional)" value={v.badge ?? ''} onChange={set('badge')} error={errs.badge} />
        <Field
          label="Image URL (optional)"
          value={v.imageUrl ?? ''}
          onChange={set('imageUrl')}
          error={errs.imageUrl}
          hint="Or upload a preview image below once the asset is saved."
        />
        <Field label="Colour" value={v.color} onChange={set('color')} error={errs.color} hint="e.g. purple-500" />
        <SelectField label="Status" value={v.status} onChange={set('status')} error={errs.status}>
          <option value="draft">Draft (hidden from the store)</option>
          <option value="published">Published</option>
        </SelectField>
      </div>
      <TextAreaField label="Description" value={v.description} onChange={set('description')} error={errs.description} rows={4} />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={save.isPending} data-testid="save-asset">
          {save.isPending ? 'Saving…' : asset ? 'Save asset' : 'Create asset'}
        </button>
        <Link to="/admin/assets" className="btn btn--ghost">
          Back to assets
        </Link>
      </div>
    </form>
  );
}

export function AssetNewPage() {
  useDocumentTitle('Staff · New asset');
  return (
    <>
      <header className="page-head">
        <p className="eyebrow">
          <Link to="/admin/assets">Assets</Link> / New
        </p>
        <h1>New asset</h1>
      </header>
      <AssetForm />
    </>
  );
}

export function AssetEditPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // No single-asset staff route: the staff list has every field.
  const assets = useQuery({ queryKey: adminKeys.assets, queryFn: adminApi.fetchAssets });
  const asset = assets.data?.find((a) => a.id === id);
  useDocumentTitle(asset ? `Staff · ${asset.title}` : 'Staff · Asset');
  const [confirming, setConfirming] = useState(false);
  const publish = useMutation({
    mutationFn: (status: 'draft' | 'published') => adminApi.updateAsset(id, { ...asStored(asset!), status }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminKeys.assets });
      qc.invalidateQueries({ queryKey: ['assets'] });
    },
  });
  // A preview that is ready becomes the asset's image in the store.
  const showPreview = useMutation({
    mutationFn: (mediaId: string) =>
      adminApi.updateAsset(id, { ...asStored(asset!), imageUrl: `/media/previews/${mediaId}.jpg` }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminKeys.assets });
      qc.invalidateQueries({ queryKey: ['assets'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => adminApi.deleteAsset(id),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminKeys.assets });
      qc.invalidateQueries({ queryKey: ['assets'] });
      navigate('/admin/assets', { replace: true });
    },
  });
  if (assets.isPending) return <LoadingBlock lines={8} label="Loading the asset…" />;
  if (assets.isError)
    return <ErrorState error={assets.error} title="Could not load the asset" onRetry={() => assets.refetch()} />;
  if (!asset) return <EmptyState title="No such asset" action={{ to: '/admin/assets', label: 'Back to assets' }} />;
  const published = asset.status === 'published';
  return (
    <>
      <header className="page-head staff-head">
        <div>
          <p className="eyebrow">
            <Link to="/admin/assets">Assets</Link> / {asset.title}
          </p>
          <h1>
            {asset.title} <StatusPill status={asset.status} />
          </h1>
        </div>
        <div className="staff-head__actions">
          <button
            type="button"
            className={'btn ' + (published ? 'btn--ghost' : 'btn--primary')}
            onClick={() => publish.mutate(published ? 'draft' : 'published')}
            disabled={publish.isPending}
          >
            {published ? 'Unpublish' : 'Publish'}
          </button>
          <button type="button" className="btn btn--danger" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      </header>
      {publish.isError && <Alert>{errorMessage(publish.error)}</Alert>}
      {showPreview.isError && <Alert>{errorMessage(showPreview.error)}</Alert>}
      <ConfirmDialog
        open={confirming}
        title="Delete this asset?"
        confirmLabel="Delete asset"
        busy={remove.isPending}
        error={remove.isError ? <Alert>{errorMessage(remove.error)}</Alert> : undefined}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
      >
        <p>“{asset.title}” leaves the store. Buyers keep their downloads.</p>
      </ConfirmDialog>
      <AssetForm key={asset.id + asset.status + (asset.imageUrl ?? '')} asset={asset} />
      <section aria-labelledby="asset-files" className="section--tight">
        <h2 id="asset-files" className="h-small">
          Files
        </h2>
        <div className="upload-grid">
          <UploadBox ownerType="asset" ownerId={asset.id} kind="pack" label="Pack (zip)" accept=".zip,application/zip" />
          <UploadBox
            ownerType="asset"
            ownerId={asset.id}
            kind="preview"
            label="Preview image (JPEG)"
            accept="image/jpeg"
            onReady={(upload) => upload.mediaId && showPreview.mutate(upload.mediaId)}
          />
        </div>
      </section>
    </>
  );
}
